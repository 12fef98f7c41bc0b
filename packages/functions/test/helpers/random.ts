import type { AnalyticFunction } from "../../src/index.js";

/** A seeded uniform generator on [0, 1) (mulberry32), so every run sees the same points. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` points inside the ranges (log-uniform where an input's scale is "log"). */
export function randomPoints(fn: Pick<AnalyticFunction, "ranges" | "scales">, n: number, seed: number): number[][] {
  const next = rng(seed);
  return Array.from({ length: n }, () =>
    fn.ranges.map(([low, high], i) =>
      fn.scales?.[i] === "log" ? Math.exp(Math.log(low) + next() * (Math.log(high) - Math.log(low))) : low + next() * (high - low),
    ),
  );
}
