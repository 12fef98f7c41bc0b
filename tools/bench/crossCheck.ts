// Cross-checks: how far an anchor's values are from ours, at the same points
// on the same weights. PyTorch's are read from testdata/reference/seed-net.json
// (PyTorch 1.13's functorch on the seed weights in float64): the timing script
// in ../shared/anchors prints times only, on weights of its own.
import { scaledError } from "@nabla/gpu";
import type { Tensor } from "@nabla/tensor";
import type { SecondOrder } from "@nabla/autodiff";
import { loadReference } from "@nabla/testing";
import { PROFILE_POINTS, type Measures } from "./w1.js";

/** Float64 on both sides, the same float32 weights: the agreement testdata/README.md promises. */
const PYTORCH_TOLERANCE = 1e-9;

/**
 * Prints {"check", "case", "points", "maxDifference", "scaledError",
 * "tolerance", "ok"}: the largest absolute difference, and the scaled error
 * (@nabla/gpu's: per output, the largest difference over that output's
 * largest magnitude, then the worst output), which must not pass `tolerance`.
 */
export function crossCheck(anchor: string, name: string, ours: Tensor, theirs: ArrayLike<number>, tolerance: number): void {
  const mine = ours.data();
  let maxDifference = 0;
  for (let i = 0; i < mine.length; i++) maxDifference = Math.max(maxDifference, Math.abs(mine[i]! - theirs[i]!));
  const scaled = scaledError(mine, theirs, ours.shape).max;
  console.log(
    JSON.stringify({
      check: anchor,
      case: name,
      points: ours.shape[0],
      maxDifference: +maxDifference.toPrecision(3),
      scaledError: +scaled.toPrecision(3),
      tolerance,
      ok: scaled <= tolerance,
    }),
  );
}

/** Checks every profile case against PyTorch's values at the profile's points. */
export function checkProfileAgainstPyTorch(measures: Measures): void {
  const reference = loadReference("seed-net");
  const torch = {
    value: reference.value.slice(0, PROFILE_POINTS).flat(),
    jacobian: reference.jacobian.slice(0, PROFILE_POINTS).flat(2),
    hessian: reference.hessian.slice(0, PROFILE_POINTS).flat(3),
  };
  const check = (name: string, ours: Tensor, theirs: number[]) =>
    crossCheck("PyTorch (testdata/reference/seed-net.json)", name, ours, theirs, PYTORCH_TOLERANCE);
  for (const { case: name, points, result } of measures.values()) {
    if (points !== PROFILE_POINTS) continue;
    if (name === "profile-jacobian+hessian") {
      const both = result as SecondOrder<Tensor>;
      check(`${name} (value)`, both.value, torch.value);
      check(`${name} (jacobian)`, both.jacobian, torch.jacobian);
      check(`${name} (hessian)`, both.hessian, torch.hessian);
    } else {
      check(name, result as Tensor, name === "forward" ? torch.value : name.startsWith("vmap(hessian") ? torch.hessian : torch.jacobian);
    }
  }
}
