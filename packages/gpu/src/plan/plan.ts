import type { BinaryPrim, ComparePrim, UnaryPrim } from "@nabla/tensor";

/**
 * What one kernel computes, independent of the language it is emitted in
 * (gpu.js JavaScript or WGSL). A plan fixes every size, so the emitted source
 * is specialized to one primitive at one set of shapes.
 */
export type KernelPlan = MapPlan | ReducePlan | IndexAddPlan | MatmulPlan;

/** Bounds on one coordinate: outside [lo, hi) the view reads 0, inside it reads coordinate − lo. */
export interface Bound {
  readonly dim: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * How a kernel reads one input at the output coordinates c: element
 * offset + Σ c[d]·strides[d] (stride 0 where the input is broadcast).
 */
export interface View {
  /** Which of the kernel's inputs. */
  readonly input: number;
  readonly offset: number;
  /** One per dimension of the plan. */
  readonly strides: readonly number[];
  readonly bounds?: readonly Bound[];
  /** Coordinate `dim` is replaced by entry c[dim] of index table `table` (a gather). */
  readonly gather?: { readonly dim: number; readonly table: number };
}

export type Expr =
  | { readonly kind: "read"; readonly view: number }
  | { readonly kind: "unary"; readonly prim: UnaryPrim; readonly x: Expr }
  | { readonly kind: "binary"; readonly prim: BinaryPrim | ComparePrim; readonly a: Expr; readonly b: Expr }
  /** GELU or its derivative of the given order. */
  | { readonly kind: "gelu"; readonly approximate: "none" | "tanh"; readonly order: number; readonly x: Expr }
  /** x where cond ≠ 0, else y. */
  | { readonly kind: "where"; readonly cond: Expr; readonly x: Expr; readonly y: Expr }
  /** A sum of reads of which at most one is inside its bounds (concatenation). */
  | { readonly kind: "sum"; readonly terms: readonly Expr[] }
  /** The first case whose `below` exceeds coordinate `dim` (only that case is evaluated). */
  | { readonly kind: "cases"; readonly dim: number; readonly cases: readonly { readonly below: number; readonly expr: Expr }[] };

/** One output element per thread: an expression of views of the inputs. */
export interface MapPlan {
  readonly kind: "map";
  /** Output dimensions after merging (row-major, their product is the output size). */
  readonly dims: readonly number[];
  readonly inputs: number;
  readonly views: readonly View[];
  readonly expr: Expr;
  readonly tables: readonly Int32Array[];
}

/** out[c] = Σ over the reduced coordinates r of x[Σ c·strides + Σ r·rstrides]. */
export interface ReducePlan {
  readonly kind: "reduce";
  readonly dims: readonly number[];
  readonly strides: readonly number[];
  readonly rdims: readonly number[];
  readonly rstrides: readonly number[];
}

/**
 * out[o, t, r] = Σ x[o, j, r] over the j with indices[j] = t, listed in
 * `list[starts[t] .. starts[t + 1])` (tables 0 and 1); `maxRun` bounds the list lengths.
 */
export interface IndexAddPlan {
  readonly kind: "indexAdd";
  readonly outer: number;
  readonly size: number;
  readonly inner: number;
  /** Length of x along the axis. */
  readonly n: number;
  readonly maxRun: number;
  readonly tables: readonly [starts: Int32Array, list: Int32Array];
}

/**
 * out[b, i, j] = Σ_p A[aOffset(b) + i·k + p] · B[bOffset(b) + p·n + j] for every
 * batch coordinate b, where the offsets are Σ b[d]·aStrides[d] (in elements).
 * A product whose B is shared by every batch is planned as one tall product.
 */
export interface MatmulPlan {
  readonly kind: "matmul";
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly batch: readonly number[];
  readonly aStrides: readonly number[];
  readonly bStrides: readonly number[];
}

export const planSize = (plan: KernelPlan): number => {
  switch (plan.kind) {
    case "map":
    case "reduce":
      return product(plan.dims);
    case "indexAdd":
      return plan.outer * plan.size * plan.inner;
    case "matmul":
      return product(plan.batch) * plan.m * plan.n;
  }
};

export const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);
