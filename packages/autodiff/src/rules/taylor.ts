import { bind, geluJetComposed, moveAxis, Prim, reshape, secondChainComposed, type PrimParams, type Tensor } from "@nabla/tensor";
import { forward } from "../transforms/jvp.js";
import { recordVjp } from "../transforms/vjp.js";
import { zerosLike } from "./helpers.js";
import type { BatchRule, JvpRule, RuleSet, VjpRule } from "./types.js";

/** The fused Taylor-mode kernels. */
type Fused = Prim.SecondChain | Prim.GeluJet;

/** Each fused kernel as a composition of other primitives, on its operands as bound (the optional ones absent or not). */
export const composedOf: { [P in Fused]: (params: PrimParams[P]) => (...xs: Tensor[]) => Tensor } = {
  [Prim.SecondChain]:
    ({ axis }) =>
    (...xs) =>
      secondChainComposed(xs[0]!, xs[1]!, axis, xs.length === 4 ? { g1: xs[2]!, x2: xs[3]! } : undefined),
  [Prim.GeluJet]:
    ({ order }) =>
    (...xs) =>
      geluJetComposed(xs[0]!, xs[1]!, order, xs[2]),
};

/** Inserts an axis of length 1 at `at`. */
const withUnitAxis = (v: Tensor, at: number, count = 1): Tensor =>
  count === 0 ? v : reshape(v, [...v.shape.slice(0, at), ...new Array<number>(count).fill(1), ...v.shape.slice(at)]);

/**
 * GeluJet batched: x's axes X and the coefficients' [count, ...X] get the
 * batch axis at one place d of X, kept where the operands have it already
 * (the stacks this kernel makes have theirs right after the coefficient
 * axis, so that its parts are blocks: no operand moves in a Taylor pass).
 */
const geluJetBatch: BatchRule<Prim.GeluJet> = (_, vals, dims, params) => {
  // Every operand first at X's full rank: ones inserted after the coefficient axis, the batch axis shifted with them.
  const xRank = (v: Tensor, i: number) => v.rank - (dims[i] === null || dims[i] === undefined ? 0 : 1) - (i === 0 ? 0 : 1);
  const rank = Math.max(...vals.map(xRank));
  const full = vals.map((v, i): [Tensor, number | null] => {
    const d = dims[i] ?? null;
    const lead = i === 0 ? 0 : 1;
    const at = d !== null && d < lead ? lead + 1 : lead;
    const missing = rank - xRank(v, i);
    return [withUnitAxis(v, at, missing), d === null || d < at ? d : d + missing];
  });
  // X's batch axis: x's, else that of the first batched coefficients less their coefficient axis.
  const fromCoefficients = full.slice(1).find(([, dv]) => dv !== null)?.[1] ?? null;
  const d = full[0]![1] ?? (fromCoefficients === null ? 0 : Math.max(0, fromCoefficients - 1));
  const moved = full.map(([v, dv], i) => {
    const want = i === 0 ? d : d + 1;
    return dv === null ? withUnitAxis(v, want) : dv === want ? v : moveAxis(v, dv, want);
  });
  return [bind(Prim.GeluJet, moved, params), d + 1];
};

const jvpOfComposition =
  <P extends Fused>(prim: P): JvpRule<P> =>
  (primals, tangents, _, params) =>
    forward(
      prim,
      composedOf[prim](params),
      primals,
      tangents.map((t, i) => t ?? zerosLike(primals[i]!)),
      false,
    ).tangent as Tensor;

const vjpOfComposition =
  <P extends Fused>(prim: P): VjpRule<P> =>
  (ct, primals, _, params, needs) =>
    recordVjp(prim, composedOf[prim](params), primals, false)
      .pull([ct])
      .map((c, i) => (needs[i] ? c : null));

/**
 * The fused kernels are not new mathematics: their derivatives are those of
 * the compositions they fuse (needed only when a Taylor pass is itself
 * differentiated). Batching keeps them fused.
 */
export const taylorRules: RuleSet<Fused> = {
  jvp: { [Prim.SecondChain]: jvpOfComposition(Prim.SecondChain), [Prim.GeluJet]: jvpOfComposition(Prim.GeluJet) },
  vjp: { [Prim.SecondChain]: vjpOfComposition(Prim.SecondChain), [Prim.GeluJet]: vjpOfComposition(Prim.GeluJet) },
  batch: {
    // Operands share one rank, so the batch axis goes first in each (a leading 1 where unbatched) and the coefficient axis moves by one.
    [Prim.SecondChain]: (_, vals, dims, { axis }) => {
      const moved = vals.map((v, i) => (dims[i] === null || dims[i] === undefined ? reshape(v, [1, ...v.shape]) : moveAxis(v, dims[i]!, 0)));
      return [bind(Prim.SecondChain, moved, { axis: axis + 1 }), 0];
    },
    [Prim.GeluJet]: geluJetBatch,
  },
};
