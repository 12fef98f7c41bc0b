import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { tensor, type Tensor } from "@nabla/tensor";
import type { AnalyticFunction } from "../../src/index.js";
import { expectAllclose, type Tolerance } from "@nabla/testing";
import { randomPoints } from "./random.js";

/** A function's value and derivatives at one point, written by hand. */
export interface ClosedForm {
  value(p: readonly number[]): number[];
  /** [nOut][nIn] */
  jacobian(p: readonly number[]): number[][];
  /** [nOut][nIn][nIn] */
  hessian(p: readonly number[]): number[][][];
}

/**
 * Checks f, vmap(jacrev(f)) and vmap(hessian(f)) against the closed forms at
 * random points of the function's ranges.
 */
export function checkClosedForm(
  fn: AnalyticFunction,
  closed: ClosedForm,
  { points = 16, seed = 1, tol = { rtol: 1e-12, atol: 0 } as Tolerance } = {},
): void {
  const P = randomPoints(fn, points, seed);
  const X = tensor(P);
  const f = fn.f as (x: Tensor) => Tensor;
  expectAllclose(
    f(X),
    P.map((p) => closed.value(p)),
    tol,
    `${fn.id}: value`,
  );
  expectAllclose(
    vmap(jacrev(f))(X),
    P.map((p) => closed.jacobian(p)),
    tol,
    `${fn.id}: vmap(jacrev(f))`,
  );
  expectAllclose(
    vmap(hessian(f))(X),
    P.map((p) => closed.hessian(p)),
    tol,
    `${fn.id}: vmap(hessian(f))`,
  );
}
