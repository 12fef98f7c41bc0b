import { bind, moveAxis, Prim, reshape, secondChainComposed, type PrimParams, type Tensor } from "@nabla/tensor";
import { forward } from "../transforms/jvp.js";
import { recordVjp } from "../transforms/vjp.js";
import { zerosLike } from "./helpers.js";
import type { RuleSet } from "./types.js";

/** SecondChain as a composition of other primitives, on its operands as bound (g′ and x₂ absent or not). */
export const secondChainOf =
  ({ axis }: PrimParams[Prim.SecondChain]) =>
  (...xs: Tensor[]): Tensor =>
    secondChainComposed(xs[0]!, xs[1]!, axis, xs.length === 4 ? { g1: xs[2]!, x2: xs[3]! } : undefined);

/**
 * SecondChain is a fused kernel, not new mathematics: its derivatives are
 * those of the composition it fuses (needed only when a Taylor pass is itself
 * differentiated). Batching keeps it fused.
 */
export const taylorRules: RuleSet<Prim.SecondChain> = {
  jvp: {
    [Prim.SecondChain]: (primals, tangents, _, params) =>
      forward(
        "secondChain",
        secondChainOf(params),
        primals,
        tangents.map((t, i) => t ?? zerosLike(primals[i]!)),
        false,
      ).tangent as Tensor,
  },
  vjp: {
    [Prim.SecondChain]: (ct, primals, _, params, needs) =>
      recordVjp("secondChain", secondChainOf(params), primals, false)
        .pull([ct])
        .map((c, i) => (needs[i] ? c : null)),
  },
  batch: {
    // Operands share one rank, so the batch axis goes first in each (a leading 1 where unbatched) and the coefficient axis moves by one.
    [Prim.SecondChain]: (_, vals, dims, { axis }) => {
      const moved = vals.map((v, i) => (dims[i] === null || dims[i] === undefined ? reshape(v, [1, ...v.shape]) : moveAxis(v, dims[i]!, 0)));
      return [bind(Prim.SecondChain, moved, { axis: axis + 1 }), 0];
    },
  },
};
