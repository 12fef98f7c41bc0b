import type { Aval, BinaryPrim, BufferView, ComparePrim, Prim, PrimParams, Shape, UnaryPrim } from "@nabla/tensor";
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

export const wherePlan = (inputs: Avals, _: PrimParams[Prim.Where], out: Aval): MapPlan =>
  broadcastMap(inputs, out.shape, { kind: "where", cond: read(0), x: read(1), y: read(2) });
