/**
 * Scale domains: the extent of the data, padded for axes, symmetric about 0
 * for errors, and widened when the data is constant so that every panel
 * still has a scale to draw with.
 */

/** Half-width given to a constant series: a tenth of its size, or 0.1 at zero. */
function spread(value: number): number {
  return Math.abs(value) * 0.1 || 0.1;
}

/** [min, max] of the finite numbers in the arrays; [0, 0] when there are none. */
export function extent(...arrays: readonly ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let p = 0; p < a.length; ++p) {
      const v = a[p]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** The extent, widened by ±spread when constant: a color domain. */
export function colorDomain(...arrays: readonly ArrayLike<number>[]): [number, number] {
  const [lo, hi] = extent(...arrays);
  return lo < hi ? [lo, hi] : [lo - spread(lo), hi + spread(hi)];
}

/** The extent, with `pad` of its width added on each side: an axis domain. */
export function paddedDomain(arrays: readonly ArrayLike<number>[], pad = 0.05): [number, number] {
  const [lo, hi] = extent(...arrays);
  if (lo === hi) return [lo - spread(lo) / 2, hi + spread(hi) / 2];
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

/** ±max|v| over the finite values (±0.1 when all are zero), widened by `pad`. */
export function symmetricDomain(arrays: readonly ArrayLike<number>[], pad = 0): [number, number] {
  const [lo, hi] = extent(...arrays);
  const m = Math.max(Math.abs(lo), Math.abs(hi)) || 0.1;
  return [-m * (1 + pad), m * (1 + pad)];
}
