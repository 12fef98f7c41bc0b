import { stridesOf, type Shape } from "@nabla/tensor";
import type { View } from "./plan.js";

/** Row-major strides of `shape` aligned to `outShape` under NumPy broadcasting (0 where broadcast). */
export function alignedStrides(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  const lead = outShape.length - shape.length;
  return outShape.map((_, d) => (d < lead || shape[d - lead] === 1 ? 0 : strides[d - lead]!));
}

/**
 * Drops size-1 dimensions and merges neighbours that every view walks
 * contiguously, so that a same-shape operation is one flat dimension and the
 * emitted index arithmetic is as short as it can be. Views with bounds or a
 * gather keep the dimensions they name.
 */
export function mergeDims(dims: readonly number[], views: readonly View[]): { dims: number[]; views: View[] } {
  const pinned = new Set<number>();
  for (const v of views) {
    for (const b of v.bounds ?? []) pinned.add(b.dim);
    if (v.gather) pinned.add(v.gather.dim);
  }
  const outDims: number[] = [];
  const strides: number[][] = views.map(() => []);
  const rename = new Map<number, number>();
  let lastPinned = false;
  for (let d = 0; d < dims.length; d++) {
    const size = dims[d]!;
    if (size === 1 && !pinned.has(d)) continue;
    const last = outDims.length - 1;
    const canMerge = last >= 0 && !lastPinned && !pinned.has(d) && views.every((v, k) => strides[k]![last] === v.strides[d]! * size);
    if (canMerge) {
      outDims[last]! *= size;
      views.forEach((v, k) => (strides[k]![last] = v.strides[d]!));
    } else {
      outDims.push(size);
      views.forEach((v, k) => strides[k]!.push(v.strides[d]!));
    }
    rename.set(d, outDims.length - 1);
    lastPinned = pinned.has(d);
  }
  const merged = views.map((v, k): View => {
    const out: { -readonly [K in keyof View]: View[K] } = { input: v.input, offset: v.offset, strides: strides[k]! };
    if (v.bounds) out.bounds = v.bounds.map((b) => ({ ...b, dim: rename.get(b.dim)! }));
    if (v.gather) out.gather = { ...v.gather, dim: rename.get(v.gather.dim)! };
    return out;
  });
  return { dims: outDims, views: merged };
}
