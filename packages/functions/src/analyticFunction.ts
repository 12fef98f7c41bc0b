import type { Tensor } from "@nabla/tensor";

/** How an input is best sampled and drawn: evenly, or evenly in its logarithm (positive ranges only). */
export type InputScale = "linear" | "log";

/**
 * A differentiable function of named inputs, with what a user interface needs
 * to show and sample it. Analytic functions and loaded models share this shape.
 *
 * The convention for `f`:
 * - One point: `x` of shape `[nIn]` (inputs in the order of `inputs`) gives
 *   shape `[nOut]` (outputs in the order of `outputs`).
 * - A batch: `x` of shape `[N, nIn]` (or any `[...batch, nIn]`) gives
 *   `[N, nOut]` (`[...batch, nOut]`). Functions are written on the last axis
 *   (`take(x, i, -1)`, `stack(columns, -1)`), so both forms work and every
 *   point is computed independently of the others.
 * - Tensor ops only, no reading of values, so the function is differentiable
 *   to any order under the transforms:
 *
 *       const J = vmap(jacrev(fn.f))(X);   // X [N, nIn] → [N, nOut, nIn]
 *       const H = vmap(hessian(fn.f))(X);  // → [N, nOut, nIn, nIn]
 *
 * - Constants take the dtype and backend of `x`.
 * - A last axis of the wrong size throws `InputShapeError`.
 */
export interface AnalyticFunction {
  /** Stable identifier (catalogue key, CLI argument). */
  readonly id: string;
  /** Human-readable name. */
  readonly title: string;
  /** LaTeX of the mapping, without math delimiters (no `$$`). */
  readonly latex: string;
  /** Input names, one per entry of the last axis of `x`. */
  readonly inputs: readonly string[];
  /** Output names, one per entry of the last axis of `f(x)`. */
  readonly outputs: readonly string[];
  /** Default sampling range [low, high] of each input. */
  readonly ranges: readonly (readonly [number, number])[];
  /** Default value of each input (inside its range), used when it is not swept. */
  readonly defaults: readonly number[];
  /** How each input is best sampled; all "linear" when absent. */
  readonly scales?: readonly InputScale[];
  /** Physical unit of each input, as plain text ("" when dimensionless); absent when none have units. */
  readonly units?: readonly string[];
  /** The function itself: [...batch, nIn] → [...batch, nOut]. */
  readonly f: (x: Tensor) => Tensor;
}
