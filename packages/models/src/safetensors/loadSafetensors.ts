/**
 * A safetensors file with its architecture spec as a `Model`: a stack of linear layers and
 * activations computed in float64 with tensor operations, so every transform applies.
 */
import { add, matmul, tensor, type Tensor, count } from "@nabla/tensor";
import { ArchitectureSpecError, InputShapeError, WeightShapeError } from "../errors.js";
import { defaultNames, type Model } from "../model.js";
import { resolveOutputs } from "../outputSelection.js";
import { describeSpecActivation, specActivationFunction } from "./activation.js";
import { readSafetensors, tensorValues, type SafetensorsFile } from "./read.js";
import { parseArchitectureSpec, type SpecLayer } from "./spec.js";

/** A layer's weights read from the file: `weight` `[out, in]` row-major, `bias` `[out]`. */
interface LoadedLayer {
  readonly spec: SpecLayer;
  readonly inSize: number;
  readonly outSize: number;
  readonly weight: Float64Array;
  readonly bias: Float64Array | null;
}

interface SafetensorsBase {
  readonly file: string;
  readonly layers: readonly LoadedLayer[];
  readonly inputs: readonly string[];
  /** Every output of the unrestricted network. */
  readonly outputs: readonly string[];
}

const fmt = (shape: readonly number[]): string => `[${shape.join(", ")}]`;

/** `x ↦ act(x · Wᵀ + b)` for a layer, keeping only output `rows` when given. */
function layerFunction(layer: LoadedLayer, rows: readonly number[] | undefined): (x: Tensor) => Tensor {
  const { inSize, outSize, weight, bias } = layer;
  const kept = rows ?? Array.from({ length: outSize }, (_, k) => k);
  // Wᵀ restricted: [in, kept], built once.
  const wt = new Float64Array(inSize * kept.length);
  kept.forEach((row, j) => {
    for (let i = 0; i < inSize; i++) wt[i * kept.length + j] = weight[row * inSize + i]!;
  });
  const w = tensor(wt, [inSize, kept.length]);
  const b =
    bias === null
      ? undefined
      : tensor(
          Float64Array.from(kept, (row) => bias[row]!),
          [kept.length],
        );
  const activate = specActivationFunction(layer.spec.activation);
  return (x) => activate(b === undefined ? matmul(x, w) : add(matmul(x, w), b));
}

class SafetensorsModel implements Model {
  readonly format = "safetensors" as const;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  private readonly layerFunctions: readonly ((x: Tensor) => Tensor)[];

  constructor(
    private readonly base: SafetensorsBase,
    /** The outputs kept, as indices into `base.outputs` (rows of the last layer); undefined when all are. */
    private readonly selection: readonly number[] | undefined,
  ) {
    this.inputs = base.inputs;
    this.outputs = selection === undefined ? base.outputs : selection.map((i) => base.outputs[i]!);
    const last = base.layers.length - 1;
    this.layerFunctions = base.layers.map((layer, k) => layerFunction(layer, k === last ? selection : undefined));
  }

  /** [nIn] → [nOut], [N, nIn] → [N, nOut] (bound). */
  readonly forward = (x: Tensor): Tensor => {
    const n = this.inputs.length;
    if ((x.rank !== 1 && x.rank !== 2) || x.shape[x.rank - 1] !== n) throw new InputShapeError(this.base.file, "forward", n, x.shape);
    return this.layerFunctions.reduce((h, layer) => layer(h), x);
  };

  /** The same as `forward`: the format has no transformers. */
  readonly physical = this.forward;

  /** The same as `forward`: the format has no transformers. */
  readonly evaluate = this.forward;

  restrict(outputs: readonly (string | number)[]): Model {
    const picked = resolveOutputs(outputs, this.outputs, this.base.file);
    return new SafetensorsModel(this.base, this.selection === undefined ? picked : picked.map((i) => this.selection![i]!));
  }

  summary(): string {
    const { file, layers } = this.base;
    const list = (names: readonly string[]): string => (names.length > 8 ? `${names.slice(0, 8).join(", ")}, … (${names.length})` : names.join(", "));
    const sizes = [layers[0]!.inSize, ...layers.map((l) => l.outSize)];
    const parameters = layers.reduce((a, l) => a + l.weight.length + (l.bias?.length ?? 0), 0);
    const lines = [
      `safetensors model ${file}: ${layers.length} linear layer${layers.length > 1 ? "s" : ""}, sizes ${fmt(sizes)}, ${parameters.toLocaleString("en-US")} parameters`,
      ...layers.map((l, k) => {
        const activation = l.spec.activation.type === "identity" ? "" : ` → ${describeSpecActivation(l.spec.activation)}`;
        return `  layers[${k}]: ${l.spec.weight} ${fmt([l.outSize, l.inSize])}${l.spec.bias === null ? "" : ` + ${l.spec.bias} [${l.outSize}]`}${activation}`;
      }),
      `  inputs:  ${list(this.inputs)}`,
      `  outputs: ${list(this.base.outputs)}`,
    ];
    if (this.selection !== undefined) lines.push(`  restricted to ${list(this.outputs)}: rows of the last layer`);
    return lines.join("\n");
  }
}

/** Reads the spec's tensors from the file and checks that the layers chain. */
function loadLayers(weights: SafetensorsFile, layers: readonly SpecLayer[], file: string): LoadedLayer[] {
  const get = (name: string, path: string): { shape: readonly number[]; values: Float64Array } => {
    const entry = weights.tensors.get(name);
    if (entry === undefined) {
      const held = [...weights.tensors.keys()];
      const listed = held.length > 12 ? `${held.slice(0, 12).join(", ")}, … (${held.length} in all)` : held.join(", ") || "no tensor";
      throw new ArchitectureSpecError(
        file,
        `${file}: the spec's ${path} names the tensor "${name}", which the file does not hold; it holds ${listed}.`,
      );
    }
    return { shape: entry.shape, values: tensorValues(entry, file) };
  };
  const loaded: LoadedLayer[] = [];
  layers.forEach((spec, k) => {
    const weight = get(spec.weight, `layers[${k}].weight`);
    if (weight.shape.length !== 2) {
      throw new ArchitectureSpecError(
        file,
        `${file}: weight "${spec.weight}" (layers[${k}]) has shape ${fmt(weight.shape)}; expected [out, in] (PyTorch's layout).`,
      );
    }
    const [outSize, inSize] = weight.shape as [number, number];
    const previous = loaded[k - 1];
    if (previous !== undefined && inSize !== previous.outSize) {
      throw new WeightShapeError(
        file,
        spec.weight,
        [outSize, previous.outSize],
        weight.shape,
        `the previous layer's weight "${previous.spec.weight}" of shape ${fmt([previous.outSize, previous.inSize])} (${count(previous.outSize, "output")})`,
      );
    }
    let bias: Float64Array | null = null;
    if (spec.bias !== null) {
      const b = get(spec.bias, `layers[${k}].bias`);
      if (b.shape.length !== 1 || b.shape[0] !== outSize) {
        throw new WeightShapeError(file, spec.bias, [outSize], b.shape, `its layer's weight "${spec.weight}" of shape ${fmt(weight.shape)}`);
      }
      bias = b.values;
    }
    loaded.push({ spec, inSize, outSize, weight: weight.values, bias });
  });
  return loaded;
}

/**
 * Opens a safetensors file (its bytes) as a `Model`, with the architecture spec (an object or
 * JSON text; format in the package README) saying which tensors make which layer. F32 and F64
 * tensors are read and computed in float64. `file` names the model and `specFile` the spec in
 * errors; input and output names come from the spec, else x1…, y1….
 */
export function loadSafetensors(
  bytes: Uint8Array,
  spec: object | string,
  file = "model.safetensors",
  specFile = `${file} (architecture spec)`,
): Model {
  const architecture = parseArchitectureSpec(spec, specFile);
  const layers = loadLayers(readSafetensors(bytes, file), architecture.layers, file);
  const nIn = layers[0]!.inSize;
  const nOut = layers[layers.length - 1]!.outSize;
  const named = (names: readonly string[] | undefined, count: number, key: string, prefix: string): readonly string[] => {
    if (names === undefined) return defaultNames(prefix, count);
    if (names.length !== count) {
      throw new ArchitectureSpecError(
        specFile,
        `${specFile}: "${key}" lists ${names.length} names but the ${key === "inputs" ? "first layer takes" : "last layer gives"} ${count} (${file}).`,
      );
    }
    return names;
  };
  return new SafetensorsModel(
    { file, layers, inputs: named(architecture.inputs, nIn, "inputs", "x"), outputs: named(architecture.outputs, nOut, "outputs", "y") },
    undefined,
  );
}
