import { add, matmul, mul, type Tensor } from "@nabla/tensor";
import { type StateTensor, tensorToFloat64 } from "../../torch/stateDict.js";
import type { Activation } from "../../torch/activations.js";
import type { HiddenLayer, LinearWeights } from "../spec.js";
import { activationFunction } from "./activation.js";
import { type Placement, checkShape, constant } from "./tensors.js";

/** Where a layer's weights come from, for error messages. */
export interface LayerSource {
  /** The `state_dict.pth` the weights were read from. */
  readonly file: string;
  /** What gives the expected sizes (`layers_sizes [2, 100, 100, 3] (…)`). */
  readonly why: string;
}

/**
 * Wᵀ for the rows `rows` of W (PyTorch's layout, [out, in]), widened exactly to float64:
 * shape [in, rows.length]. `rows` may repeat and reorder; null takes every row.
 */
export function transposedRows(weight: StateTensor, rows: readonly number[] | null): Float64Array {
  const [out, inF] = weight.shape as [number, number];
  const w = weight.data as Float32Array | Float64Array;
  const n = rows === null ? out : rows.length;
  const t = new Float64Array(inF * n);
  for (let k = 0; k < n; k++) {
    const base = (rows === null ? k : rows[k]!) * inF;
    for (let j = 0; j < inF; j++) t[j * n + k] = w[base + j]!;
  }
  return t;
}

/** The entries `rows` of a 1-D state tensor, widened exactly. */
function pickRows(bias: StateTensor, rows: readonly number[] | null): Float64Array {
  const b = bias.data as Float32Array | Float64Array;
  return rows === null ? Float64Array.from(b) : Float64Array.from(rows, (r) => b[r]!);
}

/**
 * `h ↦ h·Wᵀ + b` with Wᵀ transposed once, here. Restricting to `rows` keeps only those
 * columns of Wᵀ, so a product computes only the selected outputs.
 */
export function linearFunction(linear: LinearWeights, rows: readonly number[] | null, on: Placement): (h: Tensor) => Tensor {
  const inF = linear.weight.shape[1]!;
  const n = rows === null ? linear.weight.shape[0]! : rows.length;
  const wT = constant(transposedRows(linear.weight, rows), [inF, n], on);
  const b = linear.bias && constant(pickRows(linear.bias, rows), [n], on);
  return b ? (h) => add(matmul(h, wT), b) : (h) => matmul(h, wT);
}

/** Checks a linear layer's shapes: weight [out, in] and, when it has one, bias [out]. */
export function checkLinear(linear: LinearWeights, prefix: string, inF: number, outF: number, src: LayerSource): void {
  checkShape(linear.weight, [outF, inF], src.file, `${prefix}.weight`, src.why);
  if (linear.bias) checkShape(linear.bias, [outF], src.file, `${prefix}.bias`, src.why);
}

/**
 * A hidden layer, `h ↦ act(BN(h·Wᵀ + b))`. Batch norm (eval mode) is folded at build time
 * into a scale α = weight·(1/√(runningVar + eps)) and a shift β = bias − runningMean·α,
 * then applied as `y·α + β`: PyTorch's CPU kernel computes it the same way, and it differs
 * from the textbook `(y − mean)/√(var + eps)·weight + bias` by about one ulp.
 * `prefix` is the layer's state-dict prefix (`layers.3`), for errors.
 */
export function hiddenLayerFunction(
  layer: HiddenLayer,
  activation: Activation,
  inF: number,
  outF: number,
  prefix: string,
  src: LayerSource,
  on: Placement,
): (h: Tensor) => Tensor {
  const bn = layer.batchNorm;
  checkLinear(layer.linear, bn ? `${prefix}.0` : prefix, inF, outF, src);
  const act = activationFunction(activation);
  const linear = linearFunction(layer.linear, null, on);
  if (!bn) return (h) => act(linear(h));
  const p = `${prefix}.1`;
  for (const [name, t] of [
    ["weight", bn.weight],
    ["bias", bn.bias],
    ["running_mean", bn.runningMean],
    ["running_var", bn.runningVar],
  ] as const) {
    checkShape(t, [outF], src.file, `${p}.${name}`, src.why);
  }
  const [w, b, mean, variance] = [bn.weight, bn.bias, bn.runningMean, bn.runningVar].map(tensorToFloat64);
  const alpha = Float64Array.from(w!, (wi, i) => (1 / Math.sqrt(variance![i]! + bn.eps)) * wi);
  const beta = Float64Array.from(b!, (bi, i) => bi - mean![i]! * alpha[i]!);
  const [scale, shift] = [constant(alpha, [outF], on), constant(beta, [outF], on)];
  return (h) => act(add(mul(linear(h), scale), shift));
}
