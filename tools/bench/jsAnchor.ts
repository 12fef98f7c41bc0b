// The JavaScript anchors — jax-js and TF.js, installed apart from the
// workspace (tools/bench/package.json: `npm install --prefix tools/bench`) —
// timed in this process on the seed weights, on the profile and on W1, each
// cross-checked against our values on the profile.
import { profilePoints, PROFILE_POINTS, w1Points, W1_POINTS, type Measures } from "./w1.js";
import type { AnchorTimes } from "./anchors.js";
import { crossCheck } from "./crossCheck.js";
import { measureCase } from "./measure.js";
import { caseKey, printRatios, type Pair } from "./ratios.js";
import type { Tensor } from "@nabla/tensor";

/** One way an anchor computes the seed network's derivatives at points [N, 2] (row-major), read back to the host in our layout: [N, 3, 2] or [N, 3, 2, 2]. */
export interface JsAnchorCase {
  label: string;
  kind: "jacobian" | "hessian";
  run: (points: Float64Array) => ArrayLike<number>;
}

export interface JsAnchor {
  /** The library, its device and its precision. */
  name: string;
  cases: JsAnchorCase[];
  /** The scaled error its values may have against ours: its precision's. */
  tolerance: number;
  /** Which of our cases each of its labels (with the points) compares with. */
  pairs: Pair[];
}

/** A package's module, or undefined when it is not installed. */
export async function importIfInstalled(name: string): Promise<any> {
  try {
    return await import(name);
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/** Our values that an anchor's kind of result is checked against, on the profile. */
const CHECKED_AGAINST = { jacobian: "vmap(jacfwd)", hessian: "vmap(hessian)" } as const;

/**
 * Times each of the anchor's cases on the profile and on W1 (the same points
 * as ours), cross-checks its profile values against ours, then prints the
 * ratios ours/anchor. A case that throws prints its error and is left out;
 * an anchor that is not installed prints one "skipped" line.
 */
export async function benchJsAnchor(library: string, open: () => Promise<JsAnchor | undefined>, measures: Measures): Promise<void> {
  const anchor = await open();
  if (!anchor) {
    console.log(JSON.stringify({ anchor: library, skipped: `${library} is not installed (npm install --prefix tools/bench)` }));
    return;
  }
  const times: AnchorTimes = {};
  const sets: [number, Float64Array][] = [
    [PROFILE_POINTS, profilePoints().data() as Float64Array],
    [W1_POINTS, w1Points().data() as Float64Array],
  ];
  for (const [points, X] of sets) {
    for (const { label, kind, run } of anchor.cases) {
      try {
        const m = measureCase(() => run(X));
        times[`${label} ${points}`] = m.seconds;
        if (points !== PROFILE_POINTS) continue;
        const ours = measures.get(caseKey(CHECKED_AGAINST[kind], PROFILE_POINTS))!.result as Tensor;
        crossCheck(anchor.name, `${label} vs our ${CHECKED_AGAINST[kind]}`, ours, m.result, anchor.tolerance);
      } catch (error) {
        console.log(JSON.stringify({ anchor: anchor.name, case: label, points, failed: (error as Error).message }));
      }
    }
  }
  printRatios(anchor.name, anchor.pairs, measures, times);
}
