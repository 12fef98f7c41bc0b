/** Checks a model of the seed network against PyTorch's float64 reference (testdata/reference/seed-net.json). */
import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { expectAllclose, loadReference, type Reference } from "@nabla/testing";
import { tensor, type Tensor } from "@nabla/tensor";

/** 1e-9 relative, 1e-12 absolute: float32 weights evaluated in float64 on both sides. */
export const SEED_TOLERANCE = { rtol: 1e-9, atol: 1e-12 };

let reference: Reference | undefined;
export const seedReference = (): Reference => (reference ??= loadReference("seed-net"));

/** The reference restricted to some points (every `step`-th) and output columns. */
export function referenceSubset(step = 1, columns?: readonly number[]): Reference {
  const ref = seedReference();
  const keep = <T>(rows: T[]): T[] => rows.filter((_, i) => i % step === 0);
  const pick = <T>(row: T[]): T[] => (columns === undefined ? row : columns.map((c) => row[c]!));
  return {
    ...ref,
    points: keep(ref.points),
    value: keep(ref.value).map(pick),
    jacobian: keep(ref.jacobian).map(pick),
    hessian: keep(ref.hessian).map(pick),
  };
}

/** forward's value, vmap(jacrev(forward)) and vmap(hessian(forward)) on the reference points. */
export function expectSeedDerivatives(forward: (x: Tensor) => Tensor, ref: Reference = seedReference()): void {
  const x = tensor(ref.points);
  expectAllclose(forward(x), ref.value, SEED_TOLERANCE, "value");
  expectAllclose(vmap(jacrev(forward))(x), ref.jacobian, SEED_TOLERANCE, "jacobian");
  expectAllclose(vmap(hessian(forward))(x), ref.hessian, SEED_TOLERANCE, "hessian");
}
