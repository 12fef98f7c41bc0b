import { loadReference, testdataPath, type Reference } from "@nabla/testing";
import type { TargetRef } from "../../src/targets/sources.js";

export const seedNetDir = testdataPath("nnbma/seed-net");
export const seedNetRef: TargetRef = { kind: "model", source: { kind: "path", path: seedNetDir }, physical: false };
export const fexampleRef: TargetRef = { kind: "function", source: { kind: "spec", spec: "fexample" } };

/** The reference's points, flat row-major, and its arrays flattened. */
export function flatReference(name: string): {
  points: Float64Array;
  value: Float64Array;
  jacobian: Float64Array;
  hessian: Float64Array;
  reference: Reference;
} {
  const reference = loadReference(name);
  const flat = (a: unknown[]) => Float64Array.from(a.flat(3) as number[]);
  return {
    points: flat(reference.points),
    value: flat(reference.value),
    jacobian: flat(reference.jacobian),
    hessian: flat(reference.hessian),
    reference,
  };
}
