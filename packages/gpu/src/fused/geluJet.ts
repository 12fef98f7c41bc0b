import { Prim } from "@nabla/tensor";
import type { Expr, MapPlan, View } from "../plan/index.js";

/**
 * The coefficients of a second-order jet in n inputs, in the order this
 * package's fused kernels store them: the value, the n first derivatives, then
 * the n(n+1)/2 second derivatives ∂²/∂x_i∂x_j for i ≤ j, row by row.
 */
export function jetLayout(n: number): { count: number; pairs: [number, number][]; pairRow: (i: number, j: number) => number } {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) pairs.push([i, j]);
  const pairRow = (i: number, j: number): number => {
    const [a, b] = i <= j ? [i, j] : [j, i];
    return 1 + n + pairs.findIndex(([x, y]) => x === a && y === b);
  };
  return { count: 1 + n + pairs.length, pairs, pairRow };
}

const read = (view: number): Expr => ({ kind: "read", view });
const mul = (a: Expr, b: Expr): Expr => ({ kind: "binary", prim: Prim.Mul, a, b });
const add = (a: Expr, b: Expr): Expr => ({ kind: "binary", prim: Prim.Add, a, b });
const gelu = (order: number, x: Expr): Expr => ({ kind: "gelu", approximate: "none", order, x });

/**
 * The derivatives of exact GELU a dense layer's jet needs, once per point and
 * unit: from Z [N, C, w] (the jet's coefficients times the weights, C = 1 + n
 * + n(n+1)/2) and the bias [w], D [N, 3, w] = σ(u), σ′(u), σ″(u) at the
 * pre-activation u = Z[p, 0, o] + bias[o].
 */
export function geluDerivativesPlan(points: number, n: number, width: number): MapPlan {
  const { count: C } = jetLayout(n);
  const views: View[] = [
    { input: 0, offset: 0, strides: [C * width, 0, 1] },
    { input: 1, offset: 0, strides: [0, 0, 1] },
  ];
  const u = add(read(0), read(1));
  const expr: Expr = { kind: "cases", dim: 1, cases: [0, 1, 2].map((order) => ({ below: order + 1, expr: gelu(order, u) })) };
  return { kind: "map", dims: [points, 3, width], inputs: 2, views, expr, tables: [] };
}

/**
 * The layer's output jet from Z and D (see geluDerivativesPlan): coefficient c
 * is σ(u) for the value, σ′(u)·z_i for a first derivative and
 * σ′(u)·z_ij + σ″(u)·z_i·z_j for a second one (z_c = Z[p, c, o]); tables 0
 * and 1 give the rows of ∂/∂x_i and ∂/∂x_j for each second-derivative row.
 */
export function jetCombinePlan(points: number, n: number, width: number): MapPlan {
  const { count: C, pairs } = jetLayout(n);
  const z = (gather?: { dim: number; table: number }): View => ({
    input: 0,
    offset: 0,
    strides: [C * width, width, 1],
    ...(gather ? { gather } : {}),
  });
  const d = (order: number): View => ({ input: 1, offset: order * width, strides: [3 * width, 0, 1] });
  // Views: z_c, z_i, z_j, σ, σ′, σ″.
  const views: View[] = [z(), z({ dim: 1, table: 0 }), z({ dim: 1, table: 1 }), d(0), d(1), d(2)];
  const first = mul(read(4), read(0));
  const expr: Expr = {
    kind: "cases",
    dim: 1,
    cases: [
      { below: 1, expr: read(3) },
      { below: 1 + n, expr: first },
      { below: C, expr: add(first, mul(read(5), mul(read(1), read(2)))) },
    ],
  };
  const rowI = new Int32Array(C),
    rowJ = new Int32Array(C);
  pairs.forEach(([i, j], k) => {
    rowI[1 + n + k] = 1 + i;
    rowJ[1 + n + k] = 1 + j;
  });
  return { kind: "map", dims: [points, C, width], inputs: 2, views, expr, tables: [rowI, rowJ] };
}
