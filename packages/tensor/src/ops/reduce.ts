import { bind } from "../dispatch.js";
import { Prim } from "../primitives.js";
import { normalizeAxis, sizeOf } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { div } from "./elementwise.js";
import { reshape } from "./movement.js";

export interface ReduceOptions {
  /** Keep reduced axes as size-1 dimensions. */
  keepdims?: boolean;
}

/** Distinct non-negative axes; all axes when `axes` is undefined. */
export function normalizeAxes(op: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = (typeof axes === "number" ? [axes] : axes).map((a) => normalizeAxis(op, a, rank));
  return [...new Set(list)].sort((a, b) => a - b);
}

/** Sum over `axes` (all by default). */
export function sum(x: Tensor, axes?: number | readonly number[], { keepdims = false }: ReduceOptions = {}): Tensor {
  const list = normalizeAxes("sum", axes, x.rank);
  const out = list.length === 0 ? x : bind(Prim.ReduceSum, [x], { axes: list });
  return keepdims
    ? reshape(
        out,
        x.shape.map((d, i) => (list.includes(i) ? 1 : d)),
      )
    : out;
}

/** Mean over `axes` (all by default). */
export function mean(x: Tensor, axes?: number | readonly number[], options: ReduceOptions = {}): Tensor {
  const list = normalizeAxes("mean", axes, x.rank);
  return div(sum(x, list, options), sizeOf(list.map((a) => x.shape[a]!)));
}
