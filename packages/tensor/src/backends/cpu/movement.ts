import type { BufferView, HostArray } from "../../backend.js";
import type { PrimParams, Prim } from "../../primitives.js";
import { broadcastStrides, sizeOf, stridesOf, type Shape } from "../../shape.js";
import { stridedCopy } from "./elementwise.js";
import { copyRun } from "./strided.js";

/** Items of a batch of transposes up to this size are copied through an index table. */
const SMALL_ITEM = 4096;

export function transpose(x: BufferView<HostArray>, { perm }: PrimParams[Prim.Transpose], outShape: Shape, out: HostArray): void {
  const xs = stridesOf(x.shape);
  const strides = perm.map((p) => xs[p]!);
  // Axes that stay in front make a batch of small transposes (a Jacobian's [N, nOut, nIn] turned over, say),
  // which a row-by-row walk crosses a few values at a time: one table of where each value of an item comes from.
  let lead = 0;
  while (lead < perm.length && perm[lead] === lead) lead++;
  const batch = sizeOf(outShape.slice(0, lead)),
    item = sizeOf(outShape.slice(lead));
  if (batch > 1 && item > 1 && item <= SMALL_ITEM) {
    const from = new Float64Array(item);
    stridedCopy(
      Float64Array.from({ length: item }, (_, i) => i),
      0,
      strides.slice(lead),
      outShape.slice(lead),
      from,
    );
    const source = Int32Array.from(from);
    const xb = x.buffer;
    for (let b = 0, base = 0; b < batch; b++, base += item) for (let j = 0; j < item; j++) out[base + j] = xb[base + source[j]!]!;
    return;
  }
  stridedCopy(x.buffer, 0, strides, outShape, out);
}

export function broadcastTo(x: BufferView<HostArray>, outShape: Shape, out: HostArray): void {
  stridedCopy(x.buffer, 0, broadcastStrides(x.shape, outShape), outShape, out);
}

export function slice(x: BufferView<HostArray>, { starts }: PrimParams[Prim.Slice], outShape: Shape, out: HostArray): void {
  const xs = stridesOf(x.shape);
  const offset = starts.reduce((acc, s, i) => acc + s * xs[i]!, 0);
  stridedCopy(x.buffer, offset, xs, outShape, out);
}

export function pad(x: BufferView<HostArray>, { before }: PrimParams[Prim.Pad], outShape: Shape, out: HostArray): void {
  const os = stridesOf(outShape);
  const offset = before.reduce((acc, b, i) => acc + b * os[i]!, 0);
  stridedCopy(x.buffer, 0, stridesOf(x.shape), x.shape, out, offset, os);
}

export function concat(xs: readonly BufferView<HostArray>[], axis: number, outShape: Shape, out: HostArray): void {
  // Each operand is, for each index before `axis`, one contiguous run in it and in the output.
  const [outer, total, inner] = around(outShape, axis);
  let at = 0;
  for (const x of xs) {
    const run = x.shape[axis]! * inner;
    const xb = x.buffer;
    for (let o = 0; o < outer; o++) {
      copyRun(xb, o * run, out, (o * total + at) * inner, run);
    }
    at += x.shape[axis]!;
  }
}

/**
 * Where `take` reads one contiguous block of x — consecutive indices, and
 * nothing but size-1 axes before `axis` — its [start, end) in x's buffer, so
 * that the result can share it (buffers are immutable); else undefined.
 */
export function takenBlock(shape: Shape, { indices, axis }: PrimParams[Prim.Take]): [number, number] | undefined {
  const [outer, , inner] = around(shape, axis);
  if (outer !== 1 || indices.length === 0) return undefined;
  for (let j = 1; j < indices.length; j++) if (indices[j] !== indices[0]! + j) return undefined;
  return [indices[0]! * inner, (indices[0]! + indices.length) * inner];
}

/** Views a shape as [outer, shape[axis], inner]. */
const around = (shape: Shape, axis: number): [number, number, number] => [sizeOf(shape.slice(0, axis)), shape[axis]!, sizeOf(shape.slice(axis + 1))];

export function take(x: BufferView<HostArray>, { indices, axis }: PrimParams[Prim.Take], out: HostArray): void {
  const [outer, len, inner] = around(x.shape, axis);
  const n = indices.length;
  const xb = x.buffer;
  if (inner === 1) {
    // Entries of the last axis (a Hessian's pairs, say): one value per index.
    for (let o = 0, xo = 0, oo = 0; o < outer; o++, xo += len, oo += n) for (let j = 0; j < n; j++) out[oo + j] = xb[xo + indices[j]!]!;
    return;
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      copyRun(xb, (o * len + indices[j]!) * inner, out, (o * n + j) * inner, inner);
    }
  }
}

export function indexAdd(x: BufferView<HostArray>, { indices, axis, size }: PrimParams[Prim.IndexAdd], out: HostArray): void {
  const [outer, n, inner] = around(x.shape, axis);
  const xb = x.buffer;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const src = (o * n + j) * inner,
        dst = (o * size + indices[j]!) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] += xb[src + i]!;
    }
  }
}
