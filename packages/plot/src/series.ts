/**
 * Reads one component out of a flat row-major array: the values f_k, or
 * ∂f_k/∂x_i, or ∂²f_k/∂x_i∂x_j, at each of `n` points (see data.ts).
 */
import type { Numbers, Order } from "./data.js";

/** Which component: output k, and inputs i and j where the order needs them. */
export interface Component {
  readonly order: Order;
  readonly k: number;
  readonly i: number;
  readonly j: number;
}

/** The component at each of the `n` points, as a new Float64Array. */
export function series(array: Numbers, n: number, nOut: number, nIn: number, c: Component): Float64Array {
  const stride = c.order === 0 ? nOut : c.order === 1 ? nOut * nIn : nOut * nIn * nIn;
  const offset = c.order === 0 ? c.k : c.order === 1 ? c.k * nIn + c.i : (c.k * nIn + c.i) * nIn + c.j;
  const out = new Float64Array(n);
  for (let p = 0; p < n; ++p) out[p] = array[p * stride + offset]!;
  return out;
}
