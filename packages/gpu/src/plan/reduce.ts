import { stridesOf, type Aval, type BufferView, type Prim, type PrimParams } from "@nabla/tensor";
import { mergeDims } from "./layout.js";
import type { ReducePlan } from "./plan.js";

type Avals = readonly Pick<BufferView<unknown>, "shape">[];

export function reduceSumPlan([x]: Avals, { axes }: PrimParams[Prim.ReduceSum], _: Aval): ReducePlan {
  const xs = stridesOf(x!.shape);
  const keep = x!.shape.flatMap((_, d) => (axes.includes(d) ? [] : [d]));
  const reduced = x!.shape.flatMap((_, d) => (axes.includes(d) ? [d] : []));
  const kept = mergeDims(
    keep.map((d) => x!.shape[d]!),
    [{ input: 0, offset: 0, strides: keep.map((d) => xs[d]!) }],
  );
  const red = mergeDims(
    reduced.map((d) => x!.shape[d]!),
    [{ input: 0, offset: 0, strides: reduced.map((d) => xs[d]!) }],
  );
  return { kind: "reduce", dims: kept.dims, strides: kept.views[0]!.strides, rdims: red.dims, rstrides: red.views[0]!.strides };
}
