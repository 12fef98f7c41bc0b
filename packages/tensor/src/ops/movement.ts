import { bind } from "../dispatch.js";
import { IndexError, ShapeError } from "../errors.js";
import { Prim } from "../primitives.js";
import { fmt, normalizeAxis, sameShape, sizeOf, type Shape } from "../shape.js";
import type { Tensor } from "../tensor.js";

/** A new shape for the same values; one dimension may be -1 (inferred). */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const unknown = shape.indexOf(-1);
  const target = [...shape];
  if (unknown >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== unknown));
    if (known === 0 || x.size % known !== 0) throw new ShapeError(`reshape: cannot reshape ${fmt(x.shape)} (${x.size} elements) to ${fmt(shape)}`);
    target[unknown] = x.size / known;
  }
  return sameShape(target, x.shape) ? x : bind(Prim.Reshape, [x], { shape: target });
}

export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  return sameShape(x.shape, shape) ? x : bind(Prim.BroadcastTo, [x], { shape: [...shape] });
}

/** Permutes the axes (reverses them by default). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const p = perm ? perm.map((a) => normalizeAxis("transpose", a, x.rank)) : x.shape.map((_, i) => x.rank - 1 - i);
  if (p.length === x.rank && new Set(p).size === x.rank) {
    // A permutation that keeps the axes longer than 1 in order moves no value: a reshape, which copies nothing.
    const long = p.filter((a) => x.shape[a] !== 1);
    if (long.every((a, i) => i === 0 || a > long[i - 1]!)) return p.every((a, i) => a === i) ? x : reshape(x, p.map((a) => x.shape[a]!));
  }
  return bind(Prim.Transpose, [x], { perm: p });
}

/** Moves axis `from` to position `to`, keeping the order of the others. */
export function moveAxis(x: Tensor, from: number, to: number): Tensor {
  const f = normalizeAxis("moveAxis", from, x.rank),
    t = normalizeAxis("moveAxis", to, x.rank);
  if (f === t) return x;
  const perm = x.shape.map((_, i) => i).filter((i) => i !== f);
  perm.splice(t, 0, f);
  return transpose(x, perm);
}

/** Inserts a size-1 dimension at `axis` (in [-rank-1, rank]). */
export function expandDims(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis("expandDims", axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Removes size-1 dimensions (the given ones, or all). */
export function squeeze(x: Tensor, axes?: number | readonly number[]): Tensor {
  const list =
    axes === undefined
      ? x.shape.flatMap((d, i) => (d === 1 ? [i] : []))
      : (typeof axes === "number" ? [axes] : axes).map((a) => normalizeAxis("squeeze", a, x.rank));
  for (const a of list) if (x.shape[a] !== 1) throw new ShapeError(`squeeze: axis ${a} of ${fmt(x.shape)} has size ${x.shape[a]}, expected 1`);
  return reshape(
    x,
    x.shape.filter((_, i) => !list.includes(i)),
  );
}

/** Joins tensors along an existing axis. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError("concat: expected at least one tensor");
  const a = normalizeAxis("concat", axis, tensors[0]!.rank);
  return tensors.length === 1 ? tensors[0]! : bind(Prim.Concat, tensors, { axis: a });
}

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError("stack: expected at least one tensor");
  const first = tensors[0]!.shape;
  tensors.forEach((t, i) => {
    if (!sameShape(t.shape, first)) throw new ShapeError(`stack: tensor ${i} has shape ${fmt(t.shape)}, expected ${fmt(first)} like tensor 0`);
  });
  const a = normalizeAxis("stack", axis, first.length + 1);
  return concat(
    tensors.map((t) => expandDims(t, a)),
    a,
  );
}

/**
 * Picks entries along `axis`: an integer index removes the axis, a list keeps it.
 * Negative indices count from the end.
 */
export function take(x: Tensor, index: number | readonly number[] | Int32Array, axis = 0): Tensor {
  const a = normalizeAxis("take", axis, x.rank);
  const size = x.shape[a]!;
  const list = typeof index === "number" ? [index] : Array.from(index);
  const indices = Int32Array.from(list, (i) => {
    if (!Number.isInteger(i) || i < -size || i >= size) {
      throw new IndexError(`take: index ${i} is out of range for axis ${a} of size ${size} (shape ${fmt(x.shape)})`);
    }
    return i < 0 ? i + size : i;
  });
  const out = bind(Prim.Take, [x], { indices, axis: a });
  return typeof index === "number" ? squeeze(out, a) : out;
}

/**
 * The sub-tensor [starts[d], ends[d]) along each dimension d, NumPy-style:
 * negative positions count from the end, bounds are clipped, missing ones mean the whole axis.
 */
export function slice(x: Tensor, starts: readonly number[], ends: readonly number[] = []): Tensor {
  if (starts.length > x.rank || ends.length > x.rank)
    throw new ShapeError(`slice: ${Math.max(starts.length, ends.length)} bounds given for a tensor of rank ${x.rank}`);
  const clip = (v: number, d: number): number => Math.min(d, Math.max(0, v < 0 ? v + d : v));
  const s = x.shape.map((d, i) => clip(starts[i] ?? 0, d));
  const e = x.shape.map((d, i) => Math.max(s[i]!, clip(ends[i] ?? d, d)));
  return s.every((v) => v === 0) && e.every((v, i) => v === x.shape[i]) ? x : bind(Prim.Slice, [x], { starts: s, ends: e });
}

/** Adds zeros before and after each dimension. */
export function pad(x: Tensor, before: readonly number[], after: readonly number[]): Tensor {
  if (before.length !== x.rank || after.length !== x.rank)
    throw new ShapeError(`pad: expected ${x.rank} widths before and after, got ${before.length} and ${after.length}`);
  return before.every((b) => b === 0) && after.every((a) => a === 0) ? x : bind(Prim.Pad, [x], { before: [...before], after: [...after] });
}

/**
 * Coordinate grids from 1-d tensors. With `indexing: "xy"` (the default, as NumPy)
 * the first two outputs have shape [len(y), len(x), ...]; with "ij", [len(x), len(y), ...].
 */
export function meshgrid(xs: readonly Tensor[], { indexing = "xy" }: { indexing?: "xy" | "ij" } = {}): Tensor[] {
  xs.forEach((x, i) => {
    if (x.rank !== 1) throw new ShapeError(`meshgrid: input ${i} has shape ${fmt(x.shape)}, expected a 1-d tensor`);
  });
  const sizes = xs.map((x) => x.size);
  if (indexing === "xy" && xs.length >= 2) [sizes[0], sizes[1]] = [sizes[1]!, sizes[0]!];
  return xs.map((x, i) => {
    const axis = indexing === "xy" && i < 2 && xs.length >= 2 ? 1 - i : i;
    const shape = sizes.map((_, j) => (j === axis ? x.size : 1));
    return broadcastTo(reshape(x, shape), sizes);
  });
}
