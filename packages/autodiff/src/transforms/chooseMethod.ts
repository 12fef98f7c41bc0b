import type { Work } from "../interpreters/shape.js";

/** The Hessian methods whose cost chooseHessianMethod weighs. */
export type CostedMethod = "taylor" | "taylorrev" | "fwdrev";

const pairs = (n: number): number => (n * (n + 1)) / 2;

/**
 * What each method costs for n inputs and m outputs, in flops of a matrix
 * product: the passes it makes through f, each costing f's matrix products
 * and a price per value that f's other primitives write. The prices were
 * fitted to times measured on the CPU backend (GELU networks 2 to 6 inputs →
 * 100 → 100 → 1 to 3 outputs, and 4 → 400 → 400 → 2, each method within a
 * few tens of percent of the fit).
 */
const COST: Record<CostedMethod, (n: number, m: number, work: Work) => number> = {
  // The value, n first and n(n+1)/2 second derivatives, forward; the elementwise rules are one fused pass.
  taylor: (n, _, { matmulFlops, values }) => (1 + n + pairs(n)) * (matmulFlops + 47 * values),
  // The value and n first derivatives forward, one reverse pass per output; each non-linear primitive's
  // own second-order term, of n(n+1)/2 values per value, formed once and contracted once per output.
  taylorrev: (n, m, { matmulFlops, values }) => (1 + n + m) * (matmulFlops + 41 * values) + (1 + m) * pairs(n) * 32 * values,
  // 1 + n tangents through a forward pass and, for each output, a reverse pass; several elementwise passes each.
  fwdrev: (n, m, { matmulFlops, values }) => (1 + n) * (1 + m) * (matmulFlops + 168 * values),
};

/**
 * The cheapest of `candidates` for n inputs and m outputs. With `work`
 * (`countWork` of f on one point) the comparison knows whether f is mostly
 * products (wide layers, where the methods with fewer passes win) or mostly
 * elementwise work. Without it, f counts as elementwise work only. Ties go to
 * the first candidate; forward-over-forward (always more passes than Taylor
 * mode) and reverse-over-reverse are never cheaper for one point.
 */
export function chooseHessianMethod(
  inputs: number,
  outputs: number,
  work: Work = { matmulFlops: 0, values: 1 },
  candidates: readonly CostedMethod[] = ["taylor", "taylorrev", "fwdrev"],
): CostedMethod {
  const cost = (method: CostedMethod) => COST[method](inputs, outputs, work);
  return candidates.reduce((best, method) => (cost(method) < cost(best) ? method : best));
}
