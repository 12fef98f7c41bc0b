/**
 * The closed set of primitives. Every public op is built from these; each has a
 * shape rule here, a kernel per backend, and jvp / vjp / batching rules in
 * @nabla/autodiff.
 */
export enum Prim {
  // Elementwise unary
  Neg = "neg",
  Exp = "exp",
  Log = "log",
  Log1p = "log1p",
  Expm1 = "expm1",
  Sin = "sin",
  Cos = "cos",
  Tan = "tan",
  Tanh = "tanh",
  Sqrt = "sqrt",
  Abs = "abs",
  Sign = "sign",
  Erf = "erf",
  Asinh = "asinh",
  Atan = "atan",
  Sigmoid = "sigmoid",
  /** x Φ(x), exact or with PyTorch's tanh approximation: a primitive so that its derivative is one pass. */
  Gelu = "gelu",
  /**
   * Exact GELU's derivatives of several consecutive orders, stacked along a new
   * leading axis: one pass, where they share one exponential and one erfc.
   */
  GeluStack = "gelu_stack",
  // Elementwise binary (NumPy broadcasting)
  Add = "add",
  Sub = "sub",
  Mul = "mul",
  Div = "div",
  Pow = "pow",
  Max = "max",
  Min = "min",
  // Comparisons (1 where true, 0 where false, in the operands' dtype)
  Lt = "lt",
  Le = "le",
  Gt = "gt",
  Ge = "ge",
  Eq = "eq",
  Ne = "ne",
  // Selection and conversion
  Where = "where",
  Cast = "cast",
  // Movement
  Reshape = "reshape",
  BroadcastTo = "broadcast_to",
  Transpose = "transpose",
  Concat = "concat",
  Slice = "slice",
  Pad = "pad",
  Take = "take",
  IndexAdd = "index_add",
  // Reduction and contraction
  ReduceSum = "reduce_sum",
  Matmul = "matmul",
  // Taylor mode
  /**
   * The second-order Taylor coefficients of an elementwise g at x, from g′(x),
   * g″(x) and x's coefficients: g′·x₂[k] + g″·x₁[aₖ]·x₁[bₖ] for the direction
   * pairs aₖ ≤ bₖ. A primitive so that it is one pass (the composition takes six).
   */
  SecondChain = "second_chain",
  /**
   * Exact GELU's Taylor coefficients to second order, stacked: the value, the
   * first and the second coefficients of GELU(x) from x's, in one pass (the
   * composition writes g′ and g″ out and reads them back).
   */
  GeluJet = "gelu_jet",
}

export const unaryPrims = [
  Prim.Neg,
  Prim.Exp,
  Prim.Log,
  Prim.Log1p,
  Prim.Expm1,
  Prim.Sin,
  Prim.Cos,
  Prim.Tan,
  Prim.Tanh,
  Prim.Sqrt,
  Prim.Abs,
  Prim.Sign,
  Prim.Erf,
  Prim.Asinh,
  Prim.Atan,
  Prim.Sigmoid,
] as const;
export type UnaryPrim = (typeof unaryPrims)[number];

export const binaryPrims = [Prim.Add, Prim.Sub, Prim.Mul, Prim.Div, Prim.Pow, Prim.Max, Prim.Min] as const;
export type BinaryPrim = (typeof binaryPrims)[number];

export const comparePrims = [Prim.Lt, Prim.Le, Prim.Gt, Prim.Ge, Prim.Eq, Prim.Ne] as const;
export type ComparePrim = (typeof comparePrims)[number];

export type DType = "float64" | "float32";

type NoParams = Record<string, never>;

/** Static parameters of each primitive (arrays are passed positionally, these by name). */
export interface PrimParams {
  [Prim.Neg]: NoParams;
  [Prim.Exp]: NoParams;
  [Prim.Log]: NoParams;
  [Prim.Log1p]: NoParams;
  [Prim.Expm1]: NoParams;
  [Prim.Sin]: NoParams;
  [Prim.Cos]: NoParams;
  [Prim.Tan]: NoParams;
  [Prim.Tanh]: NoParams;
  [Prim.Sqrt]: NoParams;
  [Prim.Abs]: NoParams;
  [Prim.Sign]: NoParams;
  [Prim.Erf]: NoParams;
  [Prim.Asinh]: NoParams;
  [Prim.Atan]: NoParams;
  [Prim.Sigmoid]: NoParams;
  /** The `order`-th derivative of GELU (0: GELU itself); orders above 0 exist for the exact form only. */
  [Prim.Gelu]: { approximate: "none" | "tanh"; order: number };
  /** Orders `order` … `order + count − 1` of exact GELU (0: GELU itself); out [count, ...x.shape]. */
  [Prim.GeluStack]: { order: number; count: number };
  [Prim.Add]: NoParams;
  [Prim.Sub]: NoParams;
  [Prim.Mul]: NoParams;
  [Prim.Div]: NoParams;
  [Prim.Pow]: NoParams;
  [Prim.Max]: NoParams;
  [Prim.Min]: NoParams;
  [Prim.Lt]: NoParams;
  [Prim.Le]: NoParams;
  [Prim.Gt]: NoParams;
  [Prim.Ge]: NoParams;
  [Prim.Eq]: NoParams;
  [Prim.Ne]: NoParams;
  [Prim.Where]: NoParams;
  [Prim.Cast]: { dtype: DType };
  [Prim.Reshape]: { shape: readonly number[] };
  [Prim.BroadcastTo]: { shape: readonly number[] };
  [Prim.Transpose]: { perm: readonly number[] };
  [Prim.Concat]: { axis: number };
  /** Half-open ranges [starts[d], ends[d]) per dimension, already normalized. */
  [Prim.Slice]: { starts: readonly number[]; ends: readonly number[] };
  /** Zeros added before and after each dimension (the transpose of Slice). */
  [Prim.Pad]: { before: readonly number[]; after: readonly number[] };
  /** Gathers `indices` (normalized, in range) along `axis`. */
  [Prim.Take]: { indices: Int32Array; axis: number };
  /** Adds the slices of x into a zero tensor of length `size` along `axis` at `indices` (the transpose of Take). */
  [Prim.IndexAdd]: { indices: Int32Array; axis: number; size: number };
  [Prim.ReduceSum]: { axes: readonly number[] };
  /**
   * a [..., m, k] @ b [..., k, n] with broadcast leading dimensions. Recorded
   * programs add operands that ops never bind: a bias row of n values
   * (`Backend.matmulBias`), then, with `scalePeriod`, scales s [rows of a /
   * scalePeriod, k] that multiply a's rows first, row i by row
   * ⌊i / scalePeriod⌋ (`Backend.matmulScale`).
   */
  [Prim.Matmul]: { readonly scalePeriod?: number };
  /**
   * Operands g″ and x₁, then optionally g′ and x₂, all of one rank, with the
   * coefficient axis `axis`: of length 1 in g″ and g′, n in x₁ and
   * P = n(n+1)/2 in x₂; the other axes broadcast. The output has P along `axis`.
   */
  [Prim.SecondChain]: { axis: number };
  /**
   * Operands x, its first-order coefficients x₁ [n, ...] and optionally its
   * second-order ones x₂ [n(n+1)/2, ...], whose trailing axes broadcast with
   * x's to the shape X. With G = GELU⁽ᵒʳᵈᵉʳ⁾ (exact), the output
   * [1 + n + n(n+1)/2, ...X] stacks G(x), G′(x)·x₁[d], and
   * G″(x)·x₁[aₖ]·x₁[bₖ] (+ G′(x)·x₂[k]) for the pairs of `directionPairs(n)`.
   */
  [Prim.GeluJet]: { order: number };
}

/** The pairs (a, b), a ≤ b, of n directions, in row order: (0,0), (0,1), …, (1,1), …. */
export function directionPairs(n: number): { a: Int32Array; b: Int32Array } {
  const a: number[] = [],
    b: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      a.push(i);
      b.push(j);
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

/** One rule shared by a family of primitives, as entries of a rule table. */
export function ruleFamily<K extends Prim, R>(prims: readonly K[], rule: (prim: K) => R): Record<K, R> {
  return Object.fromEntries(prims.map((p) => [p, rule(p)])) as Record<K, R>;
}
