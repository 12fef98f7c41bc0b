/**
 * The seed network ([2, 100, 100, 3], exact GELU; testdata/reference/seed-net.weights.json)
 * written as ONNX graphs of several shapes and as safetensors files, for the loaders' tests.
 */
import { loadJson } from "@nabla/testing";
import { writeOnnxModel, type NodeSpec, type TensorSpec } from "./onnxWriter.js";
import { writeSafetensors } from "./safetensorsWriter.js";

export interface SeedLayer {
  /** [out][in], PyTorch's layout. */
  weight: number[][];
  bias: number[];
}

export const seedLayers = (): SeedLayer[] => loadJson<{ layers: SeedLayer[] }>("reference/seed-net.weights.json").layers;

const transposed = (w: number[][]): number[][] => w[0]!.map((_, i) => w.map((row) => row[i]!));
const flat = (w: number[][]): number[] => w.flat();

/** Gemm(transB=1) + Gelu, float32 raw_data, opset 20: what a recent exporter writes. */
export function seedOnnxGemm(): Uint8Array {
  const layers = seedLayers();
  const nodes: NodeSpec[] = [];
  const initializers: (TensorSpec & { name: string })[] = [];
  let h = "input";
  layers.forEach((layer, k) => {
    initializers.push({ name: `fc${k}.weight`, type: "float", dims: [layer.weight.length, layer.weight[0]!.length], values: flat(layer.weight) });
    initializers.push({ name: `fc${k}.bias`, type: "float", dims: [layer.bias.length], values: layer.bias });
    const out = k === layers.length - 1 ? "output" : `linear${k}`;
    nodes.push({ op: "Gemm", name: `fc${k}`, inputs: [h, `fc${k}.weight`, `fc${k}.bias`], outputs: [out], attributes: { transB: { i: 1 } } });
    if (k < layers.length - 1) {
      nodes.push({ op: "Gelu", name: `gelu${k}`, inputs: [out], outputs: [`act${k}`] });
      h = `act${k}`;
    }
  });
  return writeOnnxModel({
    nodes,
    initializers,
    inputs: [{ name: "input", dims: ["batch", 2] }],
    outputs: [{ name: "output", dims: ["batch", 3] }],
    opset: 20,
  });
}

/**
 * Flatten → Identity → MatMul + Add with Wᵀ in double_data, GELU decomposed into Div, Erf,
 * Add, Mul with Constant nodes, the nodes listed in reverse (so they must be sorted).
 */
export function seedOnnxDecomposed(): Uint8Array {
  const layers = seedLayers();
  const nodes: NodeSpec[] = [
    { op: "Flatten", inputs: ["x"], outputs: ["flat"], attributes: { axis: { i: 1 } } },
    { op: "Identity", inputs: ["flat"], outputs: ["h0"] },
    {
      op: "Constant",
      name: "sqrt2",
      inputs: [],
      outputs: ["sqrt2"],
      attributes: { value: { t: { type: "double", dims: [], values: [Math.SQRT2] } } },
    },
    { op: "Constant", name: "one", inputs: [], outputs: ["one"], attributes: { value_float: { f: 1 } } },
  ];
  const initializers: (TensorSpec & { name: string })[] = [{ name: "half", type: "double", dims: [1], values: [0.5], encoding: "typed" }];
  layers.forEach((layer, k) => {
    const wt = transposed(layer.weight);
    initializers.push({ name: `W${k}`, type: "double", dims: [wt.length, wt[0]!.length], values: flat(wt), encoding: "typed" });
    initializers.push({ name: `b${k}`, type: "double", dims: [layer.bias.length], values: layer.bias });
    const z = k === layers.length - 1 ? "y" : `z${k}`;
    nodes.push({ op: "MatMul", inputs: [`h${k}`, `W${k}`], outputs: [`m${k}`] });
    nodes.push({ op: "Add", inputs: [`m${k}`, `b${k}`], outputs: [z] });
    if (k < layers.length - 1) {
      nodes.push(
        { op: "Div", inputs: [z, "sqrt2"], outputs: [`d${k}`] },
        { op: "Erf", inputs: [`d${k}`], outputs: [`e${k}`] },
        { op: "Add", inputs: [`e${k}`, "one"], outputs: [`p${k}`] },
        { op: "Mul", inputs: [z, `p${k}`], outputs: [`q${k}`] },
        { op: "Mul", inputs: [`q${k}`, "half"], outputs: [`h${k + 1}`] },
      );
    }
  });
  return writeOnnxModel({
    nodes: [...nodes].reverse(),
    initializers,
    inputs: [{ name: "x", dims: ["N", 2], elemType: 11 }],
    outputs: [{ name: "y", dims: ["N", 3], elemType: 11 }],
  });
}

/**
 * Reshape (a constant int64 shape [-1, 2]) → Gemm(transB=0, alpha=2, beta=0.5) with Wᵀ/2 in
 * float_data and 2b of shape [1, out] (both exact), Gelu; the last layer split into two Gemms
 * joined by Concat. Names in the metadata.
 */
export function seedOnnxSplit(): Uint8Array {
  const layers = seedLayers();
  const nodes: NodeSpec[] = [{ op: "Reshape", inputs: ["input", "shape"], outputs: ["h0"] }];
  const initializers: (TensorSpec & { name: string })[] = [{ name: "shape", type: "int64", dims: [2], values: [-1, 2] }];
  const gemm = (name: string, h: string, weight: number[][], bias: number[], out: string): void => {
    const wt = transposed(weight).map((row) => row.map((v) => v / 2));
    initializers.push({ name: `${name}.wt`, type: "float", dims: [wt.length, wt[0]!.length], values: flat(wt), encoding: "typed" });
    initializers.push({ name: `${name}.b2`, type: "float", dims: [1, bias.length], values: bias.map((v) => 2 * v), encoding: "typed" });
    nodes.push({ op: "Gemm", name, inputs: [h, `${name}.wt`, `${name}.b2`], outputs: [out], attributes: { alpha: { f: 2 }, beta: { f: 0.5 } } });
  };
  layers.forEach((layer, k) => {
    if (k < layers.length - 1) {
      gemm(`fc${k}`, `h${k}`, layer.weight, layer.bias, `z${k}`);
      nodes.push({ op: "Gelu", inputs: [`z${k}`], outputs: [`h${k + 1}`], attributes: { approximate: { s: "none" } } });
    } else {
      gemm("head01", `h${k}`, layer.weight.slice(0, 2), layer.bias.slice(0, 2), "y01");
      gemm("head2", `h${k}`, layer.weight.slice(2), layer.bias.slice(2), "y2");
      nodes.push({ op: "Concat", inputs: ["y01", "y2"], outputs: ["output"], attributes: { axis: { i: -1 } } });
    }
  });
  return writeOnnxModel({
    nodes,
    initializers,
    inputs: [{ name: "input", dims: [1, 2] }],
    outputs: [{ name: "output", dims: [1, 3] }],
    metadata: { inputs_names: '["t1", "t2"]', outputs_names: '["f1", "f2", "f3"]' },
  });
}

/** A graph with an unbatched input [2] and output [3]: MatMul(x, Wᵀ) + b with 1-D x. */
export function seedOnnxUnbatched(): Uint8Array {
  const layers = seedLayers();
  const nodes: NodeSpec[] = [];
  const initializers: (TensorSpec & { name: string })[] = [];
  layers.forEach((layer, k) => {
    const wt = transposed(layer.weight);
    initializers.push({ name: `W${k}`, type: "float", dims: [wt.length, wt[0]!.length], values: flat(wt) });
    initializers.push({ name: `b${k}`, type: "float", dims: [layer.bias.length], values: layer.bias });
    const input = k === 0 ? "x" : `h${k}`;
    const z = k === layers.length - 1 ? "y" : `z${k}`;
    nodes.push({ op: "MatMul", inputs: [input, `W${k}`], outputs: [`m${k}`] }, { op: "Add", inputs: [`b${k}`, `m${k}`], outputs: [z] });
    if (k < layers.length - 1) nodes.push({ op: "Gelu", inputs: [z], outputs: [`h${k + 1}`] });
  });
  return writeOnnxModel({ nodes, initializers, inputs: [{ name: "x", dims: [2] }], outputs: [{ name: "y", dims: [3] }] });
}

/** Two graph outputs: "a" (the first output, [N, 1]) and "b" (the other two, [N, 2]). */
export function seedOnnxTwoOutputs(): Uint8Array {
  const layers = seedLayers();
  const nodes: NodeSpec[] = [];
  const initializers: (TensorSpec & { name: string })[] = [];
  const add = (name: string, weight: number[][], bias: number[]): void => {
    initializers.push({ name: `${name}.weight`, type: "float", dims: [weight.length, weight[0]!.length], values: flat(weight) });
    initializers.push({ name: `${name}.bias`, type: "float", dims: [bias.length], values: bias });
  };
  let h = "input";
  layers.forEach((layer, k) => {
    if (k < layers.length - 1) {
      add(`fc${k}`, layer.weight, layer.bias);
      nodes.push({ op: "Gemm", inputs: [h, `fc${k}.weight`, `fc${k}.bias`], outputs: [`z${k}`], attributes: { transB: { i: 1 } } });
      nodes.push({ op: "Gelu", inputs: [`z${k}`], outputs: [`h${k + 1}`] });
      h = `h${k + 1}`;
    } else {
      add("a", layer.weight.slice(0, 1), layer.bias.slice(0, 1));
      add("b", layer.weight.slice(1), layer.bias.slice(1));
      nodes.push({ op: "Gemm", inputs: [h, "a.weight", "a.bias"], outputs: ["a"], attributes: { transB: { i: 1 } } });
      nodes.push({ op: "Gemm", inputs: [h, "b.weight", "b.bias"], outputs: ["b"], attributes: { transB: { i: 1 } } });
    }
  });
  return writeOnnxModel({
    nodes,
    initializers,
    inputs: [{ name: "input", dims: ["batch", 2] }],
    outputs: [
      { name: "a", dims: ["batch", 1] },
      { name: "b", dims: ["batch", 2] },
    ],
  });
}

/** The seed network as a safetensors file (PyTorch's state-dict names) and its architecture spec. */
export function seedSafetensors(dtype: "F32" | "F64" = "F32"): {
  bytes: Uint8Array;
  spec: { layers: { weight: string; bias: string; activation?: string }[] };
} {
  const layers = seedLayers();
  const names = ["fc1", "fc2", "out"];
  const bytes = writeSafetensors(
    layers.flatMap((layer, k) => [
      { name: `${names[k]}.weight`, dtype, shape: [layer.weight.length, layer.weight[0]!.length], values: flat(layer.weight) },
      { name: `${names[k]}.bias`, dtype, shape: [layer.bias.length], values: layer.bias },
    ]),
    { format: "pt" },
  );
  const spec = {
    layers: layers.map((_, k) => ({
      weight: `${names[k]}.weight`,
      bias: `${names[k]}.bias`,
      ...(k < layers.length - 1 ? { activation: "gelu" } : {}),
    })),
  };
  return { bytes, spec };
}
