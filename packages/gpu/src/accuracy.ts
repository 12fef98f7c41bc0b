import { formatShape, type Shape } from "@nabla/tensor";
import { GpuOptionError } from "./errors.js";

/** The error of a batch of derivatives against a reference, scaled output by output. */
export interface ScaledError {
  /** The largest of `perOutput`. */
  readonly max: number;
  /** For each output k: max |actual − reference| over its entries, over max |reference| over the same entries. */
  readonly perOutput: readonly number[];
}

/**
 * The accuracy measure of this package. For values, Jacobians or Hessians of
 * shape [N, m, ...] (N points, m outputs, then the derivative's input axes),
 * output k's error is
 *
 *     e_k = max over points p and entries e of |actual[p, k, e] − reference[p, k, e]|
 *           ÷ max over points p and entries e of |reference[p, k, e]|
 *
 * — the worst absolute error relative to the output's largest derivative of
 * that order over the grid — and the error is max_k e_k. An output whose
 * reference is zero everywhere is scaled by 1 instead.
 */
export function scaledError(actual: ArrayLike<number>, reference: ArrayLike<number>, shape: Shape): ScaledError {
  if (shape.length < 2) throw new GpuOptionError(`scaledError: shape ${formatShape(shape)} needs at least [points, outputs]`);
  const [n, m] = shape as [number, number];
  const inner = shape.slice(2).reduce((a, b) => a * b, 1);
  if (actual.length !== n * m * inner || reference.length !== n * m * inner) {
    throw new GpuOptionError(
      `scaledError: ${actual.length} and ${reference.length} values for shape ${formatShape(shape)} (${n * m * inner} expected)`,
    );
  }
  const worst = new Array<number>(m).fill(0),
    scale = new Array<number>(m).fill(0);
  for (let p = 0; p < n; p++) {
    for (let k = 0; k < m; k++) {
      const base = (p * m + k) * inner;
      for (let e = 0; e < inner; e++) {
        const r = reference[base + e]!,
          diff = Math.abs(actual[base + e]! - r);
        // NaN compares false: a NaN anywhere makes the output's error NaN.
        worst[k] = diff > worst[k]! || Number.isNaN(diff) ? diff : worst[k]!;
        scale[k] = Math.max(scale[k]!, Math.abs(r));
      }
    }
  }
  const perOutput = worst.map((w, k) => w / (scale[k]! > 0 ? scale[k]! : 1));
  return { max: perOutput.reduce((a, b) => (b > a || Number.isNaN(b) ? b : a), 0), perOutput };
}
