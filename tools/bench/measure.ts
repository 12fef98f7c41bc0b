import { Prim, sizeOf } from "@nabla/tensor";
import { observeCpuRuns } from "./cpuRuns.js";
import { withPeakMemory } from "./memory.js";

/** Min of `reps` wall-clock runs after one warm-up, in seconds. */
export function best(fn: () => unknown, reps = 5): number {
  fn();
  return minOfRuns(fn, reps);
}

/** Min of `runs` wall-clock runs, in seconds. */
function minOfRuns(fn: () => unknown, runs: number): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

/**
 * Floating-point operations the CPU backend performs for `fn`: 2mkn per matrix
 * product, one per output element elsewhere (movement ops count nothing).
 */
export function countFlops<T>(fn: () => T): { flops: number; result: T } {
  let flops = 0;
  const movement = new Set<Prim>([Prim.Reshape, Prim.BroadcastTo, Prim.Transpose, Prim.Concat, Prim.Slice, Prim.Pad, Prim.Take, Prim.Cast]);
  const result = observeCpuRuns((prim, inputs, _, out) => {
    if (prim === Prim.Matmul) flops += 2 * sizeOf(out.shape) * inputs[0]!.shape[inputs[0]!.shape.length - 1]!;
    else if (!movement.has(prim)) flops += sizeOf(out.shape);
  }, fn);
  return { flops, result };
}

/** What a case measures: the min of its timed runs, and, of one call, its flops, its peak memory and its result. */
export interface CaseMeasure<T = unknown> {
  seconds: number;
  flops: number;
  /** See memory.ts, in MiB. */
  peakMB: number;
  result: T;
}

/**
 * One case: a warm-up that counts the flops and the peak memory of a call,
 * a plain run that gives its pace (the counting slows the warm-up several
 * times over on cases of a few milliseconds), then the min of `reps` timed
 * runs (as many as fit in about a second when that is more), but no more than
 * fit in about `budgetSeconds` (at least one), so that slow cases do not hold
 * the benchmark for minutes.
 */
export function measureCase<T>(fn: () => T, { reps = 5, budgetSeconds = 10 } = {}): CaseMeasure<T> {
  const { result: counted, peakMB } = withPeakMemory(() => countFlops(fn));
  const t0 = performance.now();
  fn();
  const pace = (performance.now() - t0) / 1000;
  const runs = Math.max(1, Math.min(Math.max(reps, Math.floor(1 / pace)), Math.floor(budgetSeconds / pace)));
  const seconds = Math.min(pace, minOfRuns(fn, runs));
  return { seconds, flops: counted.flops, peakMB, result: counted.result };
}

/** A case's line: {"case", "points", "seconds", "gflops", "peakMB"}, then `extra`. */
export function caseLine(name: string, points: number, m: Omit<CaseMeasure, "result">, extra: object = {}): string {
  return JSON.stringify({
    case: name,
    points,
    seconds: +m.seconds.toPrecision(4),
    gflops: +(m.flops / m.seconds / 1e9).toFixed(3),
    peakMB: m.peakMB,
    ...extra,
  });
}
