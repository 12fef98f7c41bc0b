// W1 and the profile: the seed network — the MLP [2, 100, 100, 3] with exact
// GELU, float64 — on 10,000 points uniform in [−1, 1]² (the PyTorch anchor's
// law) and on the seed's 100-point profile (x₁ from −2 to 2, x₂ = 1: the first
// points of testdata/reference/seed-net.json), through every transform.
import { tensor, type DType, type Tensor } from "@nabla/tensor";
import { hessian, jacfwd, jacrev, jit, secondOrder, vmap, type SecondOrder } from "@nabla/autodiff";
import { loadReference, seededUniform, seedMlp } from "@nabla/testing";
import { caseKey } from "./ratios.js";
import { caseLine, measureCase, type CaseMeasure } from "./measure.js";

export const W1_POINTS = 10_000;
export const PROFILE_POINTS = 100;
/** Reverse-over-reverse runs on W1 only when its estimate (its profile time, scaled by the points) is below this. */
const REVREV_LIMIT_SECONDS = 10;

export const w1Points = (dtype: DType = "float64"): Tensor => tensor(seededUniform(42, 2 * W1_POINTS), [W1_POINTS, 2], { dtype });
export const profilePoints = (): Tensor => tensor(loadReference("seed-net").points.slice(0, PROFILE_POINTS));

type Net = (x: Tensor) => Tensor;

/** Every transform, by the name its lines carry: the forward pass, both Jacobians, the default Hessian and each method. */
function transforms(net: Net): [string, (x: Tensor) => Tensor][] {
  return [
    ["forward", net],
    ["vmap(jacfwd)", vmap(jacfwd(net))],
    ["vmap(jacrev)", vmap(jacrev(net))],
    ["vmap(hessian)", vmap(hessian(net))],
    ...(["taylor", "taylorrev", "fwdfwd", "fwdrev", "revrev"] as const).map((method): [string, Net] => [
      `vmap(hessian ${method})`,
      vmap(hessian(net, { method })),
    ]),
  ];
}

/**
 * Our defaults for W1's shapes, as the derivative engine (packages/pipeline)
 * picks them: the Jacobian in forward mode (a pass per input, 2, rather than
 * per output, 3), the Hessian by `hessian`'s "auto" (Taylor mode for 2
 * inputs), and both at once from the one Taylor-mode pass that gives them;
 * each jitted, as `derivativesUpTo` does for the engine: recorded once, then
 * run from its program into the buffers of the last call.
 */
export function defaults(net: Net) {
  return {
    jacobian: jit(vmap(jacfwd(net))),
    hessian: jit(vmap(hessian(net))),
    both: jit(vmap(secondOrder(net))) as (x: Tensor) => SecondOrder<Tensor>,
  };
}

/** A measured case, with its name and points. */
export type Measured = CaseMeasure & { case: string; points: number };

/** Our measures, keyed by caseKey(name, points). */
export type Measures = Map<string, Measured>;

/**
 * Prints every transform on the profile, then on W1 (reverse-over-reverse
 * only when it fits REVREV_LIMIT_SECONDS, else a "skipped" line), then our
 * defaults: `w1-jacobian`, `w1-hessian` and `profile-jacobian+hessian`.
 */
export function benchW1(): Measures {
  const net = seedMlp();
  const measures: Measures = new Map();
  const run = (name: string, points: number, fn: () => unknown): void => {
    const m = measureCase(fn);
    measures.set(caseKey(name, points), { ...m, case: name, points });
    console.log(caseLine(name, points, m));
  };
  const profile = profilePoints();
  const W1 = w1Points();
  const sets: [number, Tensor][] = [
    [PROFILE_POINTS, profile],
    [W1_POINTS, W1],
  ];
  for (const [points, X] of sets) {
    for (const [name, fn] of transforms(net)) {
      const onProfile = measures.get(caseKey(name, PROFILE_POINTS));
      const estimate = onProfile ? (onProfile.seconds * points) / PROFILE_POINTS : 0;
      if (name.endsWith("revrev)") && estimate > REVREV_LIMIT_SECONDS) {
        const why = `estimated ${estimate.toFixed(1)} s a run (its profile time × ${points / PROFILE_POINTS}), over the ${REVREV_LIMIT_SECONDS} s limit`;
        console.log(JSON.stringify({ case: name, points, skipped: why }));
        continue;
      }
      run(name, points, () => fn(X));
    }
  }
  const ours = defaults(net);
  run("w1-jacobian", W1_POINTS, () => ours.jacobian(W1));
  run("w1-hessian", W1_POINTS, () => ours.hessian(W1));
  run("profile-jacobian+hessian", PROFILE_POINTS, () => ours.both(profile));
  return measures;
}
