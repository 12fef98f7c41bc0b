import { stridesOf, type Aval, type BufferView, type Prim, type PrimParams } from "@nabla/tensor";
import { alignedStrides, mergeDims } from "./layout.js";
import { product, type Bound, type Expr, type IndexAddPlan, type MapPlan, type View } from "./plan.js";

type Avals = readonly Pick<BufferView<unknown>, "shape">[];

function gather(dims: readonly number[], views: View[], expr: Expr, inputs: number, tables: Int32Array[] = []): MapPlan {
  const merged = mergeDims(dims, views);
  return { kind: "map", dims: merged.dims, inputs, views: merged.views, expr, tables };
}

const read0: Expr = { kind: "read", view: 0 };

export const broadcastToPlan = ([x]: Avals, _: PrimParams[Prim.BroadcastTo], out: Aval): MapPlan =>
  gather(out.shape, [{ input: 0, offset: 0, strides: alignedStrides(x!.shape, out.shape) }], read0, 1);

export function transposePlan([x]: Avals, { perm }: PrimParams[Prim.Transpose], out: Aval): MapPlan {
  const xs = stridesOf(x!.shape);
  return gather(out.shape, [{ input: 0, offset: 0, strides: perm.map((p) => xs[p]!) }], read0, 1);
}

export function slicePlan([x]: Avals, { starts }: PrimParams[Prim.Slice], out: Aval): MapPlan {
  const xs = stridesOf(x!.shape);
  const offset = starts.reduce((acc, s, d) => acc + s * xs[d]!, 0);
  return gather(out.shape, [{ input: 0, offset, strides: xs }], read0, 1);
}

export function padPlan([x]: Avals, { before }: PrimParams[Prim.Pad], out: Aval): MapPlan {
  const shape = x!.shape;
  const bounds: Bound[] = [];
  shape.forEach((d, dim) => {
    if (d !== out.shape[dim]) bounds.push({ dim, lo: before[dim]!, hi: before[dim]! + d });
  });
  return gather(out.shape, [{ input: 0, offset: 0, strides: stridesOf(shape), bounds }], read0, 1);
}

export function concatPlan(inputs: Avals, { axis }: PrimParams[Prim.Concat], out: Aval): MapPlan {
  let at = 0;
  const views = inputs.map((x, input): View => {
    const len = x.shape[axis]!;
    const view = { input, offset: 0, strides: stridesOf(x.shape), bounds: [{ dim: axis, lo: at, hi: at + len }] };
    at += len;
    return view;
  });
  const expr: Expr = { kind: "sum", terms: views.map((_, view) => ({ kind: "read", view })) };
  return gather(out.shape, views, expr, inputs.length);
}

/** Views a shape as [outer, shape[axis], inner]. */
const around = (shape: readonly number[], axis: number): [number, number, number] => [
  product(shape.slice(0, axis)),
  shape[axis]!,
  product(shape.slice(axis + 1)),
];

export function takePlan([x]: Avals, { indices, axis }: PrimParams[Prim.Take]): MapPlan {
  const [outer, len, inner] = around(x!.shape, axis);
  const view: View = { input: 0, offset: 0, strides: [len * inner, inner, 1], gather: { dim: 1, table: 0 } };
  return gather([outer, indices.length, inner], [view], read0, 1, [indices]);
}

export function indexAddPlan([x]: Avals, { indices, axis, size }: PrimParams[Prim.IndexAdd]): IndexAddPlan {
  const [outer, n, inner] = around(x!.shape, axis);
  // Compressed rows: for each target t, the positions j with indices[j] = t.
  const starts = new Int32Array(size + 1);
  for (const t of indices) starts[t + 1]!++;
  for (let t = 0; t < size; t++) starts[t + 1]! += starts[t]!;
  const fill = starts.slice(0, size);
  const list = new Int32Array(indices.length);
  indices.forEach((t, j) => (list[fill[t]!++] = j));
  let maxRun = 0;
  for (let t = 0; t < size; t++) maxRun = Math.max(maxRun, starts[t + 1]! - starts[t]!);
  return { kind: "indexAdd", outer, size, inner, n, maxRun, tables: [starts, list] };
}
