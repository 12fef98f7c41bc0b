import { binaryPrims, comparePrims, Prim, ruleFamily, unaryPrims, type Aval, type BufferView, type PrimParams } from "@nabla/tensor";
import { binaryPlan, broadcastMap, geluJetPlan, geluPlan, geluStackPlan, secondChainPlan, unaryPlan, wherePlan } from "./elementwise.js";
import { matmulPlan } from "./matmul.js";
import { broadcastToPlan, concatPlan, indexAddPlan, padPlan, slicePlan, takePlan, transposePlan } from "./movement.js";
import type { KernelPlan } from "./plan.js";
import { reduceSumPlan } from "./reduce.js";

type Avals = readonly Pick<BufferView<unknown>, "shape">[];

/** A primitive's kernel plan, or "alias" where the output shares its input's buffer (buffers are immutable). */
type Planner<P extends Prim> = (inputs: Avals, params: PrimParams[P], out: Aval) => KernelPlan | "alias";

const alias = (): "alias" => "alias";

const planners: { [P in Prim]: Planner<P> } = {
  ...ruleFamily(unaryPrims, unaryPlan),
  ...ruleFamily([...binaryPrims, ...comparePrims], binaryPlan),
  [Prim.Gelu]: geluPlan,
  [Prim.GeluStack]: geluStackPlan,
  [Prim.Where]: wherePlan,
  // Every buffer holds float32, so a cast changes nothing on the device.
  [Prim.Cast]: alias,
  [Prim.Reshape]: alias,
  [Prim.BroadcastTo]: broadcastToPlan,
  [Prim.Transpose]: transposePlan,
  [Prim.Concat]: concatPlan,
  [Prim.Slice]: slicePlan,
  [Prim.Pad]: padPlan,
  [Prim.Take]: takePlan,
  [Prim.IndexAdd]: indexAddPlan,
  [Prim.ReduceSum]: reduceSumPlan,
  [Prim.Matmul]: matmulPlan,
  [Prim.SecondChain]: secondChainPlan,
  [Prim.GeluJet]: geluJetPlan,
};

/** The kernel plan of one primitive at the given shapes. */
export function planFor<P extends Prim>(prim: P, inputs: Avals, params: PrimParams[P], out: Aval): KernelPlan | "alias" {
  return (planners[prim] as Planner<P>)(inputs, params, out);
}

/** A copy of one buffer into a fresh one (used where a backend must not alias). */
export const copyPlan = (shape: readonly number[]): KernelPlan => broadcastMap([{ shape }], shape, { kind: "read", view: 0 });

export type { KernelPlan, MapPlan, ReducePlan, IndexAddPlan, MatmulPlan, View, Expr, Bound } from "./plan.js";
export { planSize, product } from "./plan.js";
