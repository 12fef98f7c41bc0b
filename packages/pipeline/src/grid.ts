import type { ResolvedParams } from "./params/resolvedParams.js";

/** A profile: input `input` swept along `x`, the others held at `fixed`. Points row-major `[N, nIn]`. */
export interface ProfileGrid {
  readonly input: number;
  readonly x: Float64Array;
  readonly fixed: Float64Array;
  readonly points: Float64Array;
}

/** A map over two inputs, x fastest: point `iy * nx + ix` is at (x[ix], y[iy]). */
export interface MapGrid {
  readonly inputs: readonly [number, number];
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly fixed: Float64Array;
  readonly points: Float64Array;
}

/** Where the derivatives are sampled. */
export interface Grid {
  readonly nIn: number;
  readonly profile: ProfileGrid;
  readonly map: MapGrid | null;
}

/** `n` evenly spaced numbers from `a` to `b`, both included (`a + i·step`, the last exactly `b`, as NumPy). */
export function linspace(a: number, b: number, n: number): Float64Array {
  const step = (b - a) / (n - 1);
  return Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + i * step));
}

/** The sampling points of the parameters: a profile along the swept input, and a map when there are two inputs to sweep. */
export function sampleGridOf(params: ResolvedParams): Grid {
  const nIn = params.inputs.length;
  const fixed = Float64Array.from(params.fixed);
  const range = (i: number, n: number) => linspace(params.ranges[i]![0], params.ranges[i]![1], n);

  const x = range(params.sweep, params.points);
  const profilePoints = new Float64Array(x.length * nIn);
  for (let p = 0; p < x.length; ++p) {
    profilePoints.set(fixed, p * nIn);
    profilePoints[p * nIn + params.sweep] = x[p]!;
  }
  const profile: ProfileGrid = { input: params.sweep, x, fixed, points: profilePoints };

  let map: MapGrid | null = null;
  if (params.mapInputs) {
    const [a, b] = params.mapInputs;
    const mx = range(a, params.mapPoints);
    const my = range(b, params.mapPoints);
    const points = new Float64Array(mx.length * my.length * nIn);
    for (let iy = 0; iy < my.length; ++iy) {
      for (let ix = 0; ix < mx.length; ++ix) {
        const p = iy * mx.length + ix;
        points.set(fixed, p * nIn);
        points[p * nIn + a] = mx[ix]!;
        points[p * nIn + b] = my[iy]!;
      }
    }
    map = { inputs: [a, b], x: mx, y: my, fixed, points };
  }
  return { nIn, profile, map };
}

/** Every point of the grid, the profile's first: what one request computes. */
export function gridPoints(grid: Grid): Float64Array {
  const profile = grid.profile.points;
  if (!grid.map) return profile;
  const all = new Float64Array(profile.length + grid.map.points.length);
  all.set(profile);
  all.set(grid.map.points, profile.length);
  return all;
}
