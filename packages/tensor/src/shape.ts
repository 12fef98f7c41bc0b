import { IndexError, ShapeError } from "./errors.js";

export type Shape = readonly number[];

export const fmt = (shape: Shape): string => `[${shape.join(", ")}]`;

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** NumPy broadcasting of several shapes; `op` names the operation in the error. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = rank - s.length + i;
      const d = s[i]!;
      if (d === out[j] || d === 1) continue;
      if (out[j] === 1) out[j] = d;
      else throw new ShapeError(`${op}: shapes ${shapes.map(fmt).join(" and ")} cannot be broadcast together (dimension ${j}: ${out[j]} vs ${d})`);
    }
  }
  return out;
}

/** Strides of `shape` read as if broadcast to `outShape` (0 along broadcast dimensions). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, j) => {
    const i = j - offset;
    return i < 0 || shape[i] === 1 ? 0 : strides[i]!;
  });
}

/** An axis in [-rank, rank) made non-negative. */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new IndexError(`${op}: axis ${axis} is out of range for a tensor of rank ${rank} (expected an integer in [${-rank}, ${rank}))`);
  }
  return axis < 0 ? axis + rank : axis;
}

export function checkShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ShapeError(`${op}: invalid shape ${fmt(shape)} (dimensions must be non-negative integers)`);
  }
}
