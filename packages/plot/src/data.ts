/**
 * The data the figure builders draw: plain numeric arrays and their shapes.
 *
 * Every multi-dimensional array is flat and row-major (C order), preferably a
 * `Float64Array`. With `N` sampling points, `nOut` outputs and `nIn` inputs:
 *
 * | field      | shape                    | element `[p, k, i, j]` at                 |
 * |------------|--------------------------|-------------------------------------------|
 * | `value`    | `[N, nOut]`              | `p * nOut + k`                            |
 * | `jacobian` | `[N, nOut, nIn]`         | `(p * nOut + k) * nIn + i`                |
 * | `hessian`  | `[N, nOut, nIn, nIn]`    | `((p * nOut + k) * nIn + i) * nIn + j`    |
 *
 * `jacobian[p, k, i]` is ∂f_k/∂x_i and `hessian[p, k, i, j]` is ∂²f_k/∂x_i∂x_j
 * at point `p`. Inputs and outputs are indexed from 0 in the data and the
 * options; labels show them from 1 (x₁, f₃), as the notebooks do.
 */

/** Numbers in a flat array; a `Float64Array` is the expected form. */
export type Numbers = ArrayLike<number>;

/** What one function (the truth or the network) gives at the sampling points. */
export interface Samples {
  /** Values f_k, shape `[N, nOut]`. */
  readonly value?: Numbers;
  /** First derivatives ∂f_k/∂x_i, shape `[N, nOut, nIn]`. */
  readonly jacobian?: Numbers;
  /** Second derivatives ∂²f_k/∂x_i∂x_j, shape `[N, nOut, nIn, nIn]`. */
  readonly hessian?: Numbers;
}

/** What the data knows of the function, shared by profiles and maps. */
export interface FunctionData {
  /** Number of inputs x_i. */
  readonly nIn: number;
  /** Number of outputs f_k. */
  readonly nOut: number;
  /** The reference function f at the sampling points. */
  readonly truth?: Samples;
  /** The approximation f̂ (the network) at the same points. */
  readonly network?: Samples;
  /** Names of the inputs (length `nIn`), used in labels instead of x₁, x₂…. */
  readonly inputNames?: readonly string[];
  /** Names of the outputs (length `nOut`), used in labels instead of f₁, f₂…. */
  readonly outputNames?: readonly string[];
  /**
   * The point the sampling passes through (length `nIn`): the values at which
   * the inputs that are not swept are held. Shown in the figure's subtitle.
   */
  readonly fixed?: Numbers;
}

/**
 * A profile: one input swept along a line, the others held fixed. Point `p`
 * is at `x[p]` along input `input`; `N = x.length`.
 */
export interface ProfileData extends FunctionData {
  /** Index of the swept input (0-based). */
  readonly input: number;
  /** Coordinates of the swept input, length `N` (at least 2). */
  readonly x: Numbers;
}

/**
 * A map: two inputs swept over an evenly spaced grid, the others held fixed.
 * Points are ordered with x fastest: point `p = iy * nx + ix` is at
 * `(x[ix], y[iy])`, so `N = nx * ny`. Drawn with x to the right and y upward.
 */
export interface MapData extends FunctionData {
  /** Indices (0-based) of the inputs along the horizontal and vertical axes. */
  readonly inputs: readonly [number, number];
  /** Coordinates along the horizontal input, evenly spaced, length `nx` ≥ 2. */
  readonly x: Numbers;
  /** Coordinates along the vertical input, evenly spaced, length `ny` ≥ 2. */
  readonly y: Numbers;
}

/** What a figure draws: the truth, the network over the truth, or their error. */
export type Role = "truth" | "network" | "error";

/** Which derivative: 0 the values f_k, 1 the Jacobian, 2 the Hessian. */
export type Order = 0 | 1 | 2;

/** How the error is measured: (f̂ − f)/(|f| + eps), or f̂ − f. */
export type ErrorKind = "relative" | "absolute";

/** The field of `Samples` that holds a given order. */
export const orderField = ["value", "jacobian", "hessian"] as const;
