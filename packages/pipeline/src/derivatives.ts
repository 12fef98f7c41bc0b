import type { ComputedOn, ComputeResult } from "./engine/engine.js";
import type { Grid } from "./grid.js";
import type { ResolvedParams } from "./params/resolvedParams.js";

/** One target at one set of points, row-major: value `[N, nOut]`, jacobian `[N, nOut, nIn]`, hessian `[N, nOut, nIn, nIn]`. */
export interface SampledDerivatives {
  readonly value: Float64Array;
  readonly jacobian: Float64Array;
  readonly hessian: Float64Array;
}

/** One target on the whole grid. */
export interface TargetDerivatives {
  /** The outputs computed, as indices into the full list (all, or the one of a restriction). */
  readonly outputs: readonly number[];
  readonly profile: SampledDerivatives;
  readonly map: SampledDerivatives | null;
  /** The backend that computed them (its mode, precision and device). */
  readonly computedOn: ComputedOn;
}

/** What the computation of a grid gives: the truth's and the model's derivatives. */
export interface Derivatives {
  readonly key: string;
  readonly grid: Grid;
  readonly truth?: TargetDerivatives;
  readonly model?: TargetDerivatives;
}

/** What is computed for a compute key: the grid, and the parameters that first asked for it. */
export interface GridJob {
  readonly key: string;
  readonly params: ResolvedParams;
  readonly grid: Grid;
}

/** Splits a result over `gridPoints(grid)` into the profile's points and the map's. */
export function splitResult(result: ComputeResult, grid: Grid, outputs: readonly number[]): TargetDerivatives {
  const { nIn, nOut } = result;
  const nProfile = grid.profile.x.length;
  const sizes = [nOut, nOut * nIn, nOut * nIn * nIn];
  const take = (from: number, to: number): SampledDerivatives => {
    const [value, jacobian, hessian] = [result.value, result.jacobian, result.hessian].map((a, o) => {
      if (!a) throw new TypeError("splitResult: the result lacks derivatives of order " + o);
      return a.subarray(from * sizes[o]!, to * sizes[o]!);
    }) as [Float64Array, Float64Array, Float64Array];
    return { value, jacobian, hessian };
  };
  return { outputs, profile: take(0, nProfile), map: grid.map ? take(nProfile, result.n) : null, computedOn: result.computedOn };
}
