import { scaledError } from "@nabla/gpu";
import { expect } from "chai";

/** The float32 accuracy @nabla/gpu states against float64 (its README), scaled by each output's magnitude. */
export const FLOAT32_TOLERANCE = { value: 1e-4, jacobian: 1e-4, hessian: 1e-3 } as const;

export interface Sampled {
  readonly value: ArrayLike<number>;
  readonly jacobian?: ArrayLike<number>;
  readonly hessian?: ArrayLike<number>;
}

/**
 * Checks derivatives computed in float32 against float64 ones at `n` points
 * of `nIn` inputs and `nOut` outputs: within the stated accuracy, and not
 * equal (which would mean they were computed in float64 after all).
 */
export function expectFloat32Close(actual: Sampled, expected: Sampled, n: number, nIn: number, nOut: number, what: string): void {
  const shapes = { value: [n, nOut], jacobian: [n, nOut, nIn], hessian: [n, nOut, nIn, nIn] };
  for (const key of ["value", "jacobian", "hessian"] as const) {
    const a = actual[key],
      e = expected[key];
    expect(a, `${what}: ${key}`).to.not.equal(undefined);
    const error = scaledError(a!, e!, shapes[key]);
    expect(error.max, `${what}: ${key}, scaled errors per output ${error.perOutput.join(", ")}`).to.be.at.most(FLOAT32_TOLERANCE[key]);
    expect(error.max, `${what}: ${key} equals the float64 values: not computed in float32`).to.be.above(0);
  }
}
