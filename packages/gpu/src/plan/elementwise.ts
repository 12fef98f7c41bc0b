import {
  directionPairs,
  Prim,
  sizeOf,
  type Aval,
  type BinaryPrim,
  type BufferView,
  type ComparePrim,
  type PrimParams,
  type Shape,
  type UnaryPrim,
} from "@nabla/tensor";
import { alignedStrides, mergeDims } from "./layout.js";
import type { Expr, MapPlan, View } from "./plan.js";

type Avals = readonly Pick<BufferView<unknown>, "shape">[];

/** A map over the output whose views read each input broadcast to the output shape. */
export function broadcastMap(inputs: Avals, out: Shape, expr: Expr): MapPlan {
  const views: View[] = inputs.map((x, input) => ({ input, offset: 0, strides: alignedStrides(x.shape, out) }));
  const merged = mergeDims(out, views);
  return { kind: "map", dims: merged.dims, inputs: inputs.length, views: merged.views, expr, tables: [] };
}

const read = (view: number): Expr => ({ kind: "read", view });

export const unaryPlan =
  (prim: UnaryPrim) =>
  (inputs: Avals, _: PrimParams[UnaryPrim], out: Aval): MapPlan =>
    broadcastMap(inputs, out.shape, { kind: "unary", prim, x: read(0) });

export const binaryPlan =
  (prim: BinaryPrim | ComparePrim) =>
  (inputs: Avals, _: PrimParams[BinaryPrim], out: Aval): MapPlan =>
    broadcastMap(inputs, out.shape, { kind: "binary", prim, a: read(0), b: read(1) });

export const geluPlan = (inputs: Avals, { approximate, order }: PrimParams[Prim.Gelu], out: Aval): MapPlan =>
  broadcastMap(inputs, out.shape, { kind: "gelu", approximate, order, x: read(0) });

/** The stacked orders as cases of the stacked axis, each reading x (flattened, broadcast along that axis). */
export const geluStackPlan = ([x]: Avals, { order, count }: PrimParams[Prim.GeluStack]): MapPlan => ({
  kind: "map",
  dims: [count, sizeOf(x!.shape)],
  inputs: 1,
  views: [{ input: 0, offset: 0, strides: [0, 1] }],
  expr: {
    kind: "cases",
    dim: 0,
    cases: Array.from({ length: count }, (_, k) => ({ below: k + 1, expr: { kind: "gelu", approximate: "none", order: order + k, x: read(0) } })),
  },
  tables: [],
});

export const wherePlan = (inputs: Avals, _: PrimParams[Prim.Where], out: Aval): MapPlan =>
  broadcastMap(inputs, out.shape, { kind: "where", cond: read(0), x: read(1), y: read(2) });

const times = (a: Expr, b: Expr): Expr => ({ kind: "binary", prim: Prim.Mul, a, b });

/**
 * g″·x₁[aₖ]·x₁[bₖ] (+ g′·x₂[k]) along the coefficient axis: x₁ is read twice
 * through the pair tables a and b (a gather on that axis), g″ and g′ are
 * broadcast along it.
 */
export function secondChainPlan(inputs: Avals, { axis }: PrimParams[Prim.SecondChain], out: Aval): MapPlan {
  const { a, b } = directionPairs(inputs[1]!.shape[axis]!);
  const views: View[] = inputs.map((x, input) => ({ input, offset: 0, strides: alignedStrides(x.shape, out.shape) }));
  // Views: g″, x₁ through a, x₁ through b, then g′ and x₂. g″ and g′ have length 1 along the axis (stride 0).
  const x1 = views[1]!;
  views.splice(1, 1, { ...x1, gather: { dim: axis, table: 0 } }, { ...x1, gather: { dim: axis, table: 1 } });
  const square = times(read(0), times(read(1), read(2)));
  const expr: Expr = inputs.length === 4 ? { kind: "binary", prim: Prim.Add, a: times(read(3), read(4)), b: square } : square;
  const merged = mergeDims(out.shape, views);
  return { kind: "map", dims: merged.dims, inputs: inputs.length, views: merged.views, expr, tables: [a, b] };
}

/**
 * The stacked jet of exact GELU as cases of its leading axis: the value, the
 * first-order rows reading x₁'s row through table 0, the second-order rows
 * reading x₁'s pair through tables 1 and 2 and x₂'s row through table 0 (a
 * row's index within its part: three tables, as few bindings as a second chain).
 */
export function geluJetPlan(inputs: Avals, { order }: PrimParams[Prim.GeluJet], out: Aval): MapPlan {
  const [, x1, x2] = inputs as [Avals[number], Avals[number], Avals[number]?];
  const n = x1.shape[0]!;
  const { a, b } = directionPairs(n);
  const rank = out.shape.length;
  // The coefficients with ones inserted after their first axis, up to the output's rank.
  const lined = (shape: readonly number[]) => [shape[0]!, ...new Array<number>(rank - shape.length).fill(1), ...shape.slice(1)];
  const rows = (f: (row: number) => number) => Int32Array.from({ length: out.shape[0]! }, (_, row) => f(row));
  const tables = [
    rows((row) => (row === 0 ? 0 : row <= n ? row - 1 : row - 1 - n)),
    rows((row) => (row > n ? a[row - 1 - n]! : 0)),
    rows((row) => (row > n ? b[row - 1 - n]! : 0)),
  ];
  const through = (input: number, shape: readonly number[], table: number): View => ({
    input,
    offset: 0,
    strides: alignedStrides(lined(shape), out.shape),
    gather: { dim: 0, table },
  });
  const views: View[] = [
    { input: 0, offset: 0, strides: alignedStrides(inputs[0]!.shape, out.shape) },
    through(1, x1.shape, 0),
    through(1, x1.shape, 1),
    through(1, x1.shape, 2),
    ...(x2 ? [through(2, x2.shape, 0)] : []),
  ];
  const g = (k: number): Expr => ({ kind: "gelu", approximate: "none", order: order + k, x: read(0) });
  const square = times(g(2), times(read(2), read(3)));
  const expr: Expr = {
    kind: "cases",
    dim: 0,
    cases: [
      { below: 1, expr: g(0) },
      { below: 1 + n, expr: times(g(1), read(1)) },
      { below: out.shape[0]!, expr: x2 ? { kind: "binary", prim: Prim.Add, a: times(g(1), read(4)), b: square } : square },
    ],
  };
  const merged = mergeDims(out.shape, views);
  return { kind: "map", dims: merged.dims, inputs: inputs.length, views: merged.views, expr, tables };
}
