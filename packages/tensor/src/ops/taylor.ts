import { bind } from "../dispatch.js";
import { directionPairs, Prim } from "../primitives.js";
import type { Tensor } from "../tensor.js";
import { add, mul } from "./elementwise.js";
import { take } from "./movement.js";

/** x's second-order coefficients x₂ with g′ at x, where x has any. */
export interface SecondTerm {
  readonly g1: Tensor;
  readonly x2: Tensor;
}

/**
 * The second-order Taylor coefficients of an elementwise g at x, in one pass:
 * g″·x₁[aₖ]·x₁[bₖ] (+ g′·x₂[k]) for the pairs aₖ ≤ bₖ of x₁'s n directions
 * (`directionPairs`) along `axis`, where g″ and g′ have length 1 and x₂ has
 * n(n+1)/2.
 */
export const secondChain = (g2: Tensor, x1: Tensor, axis: number, second?: SecondTerm): Tensor =>
  bind(Prim.SecondChain, second ? [g2, x1, second.g1, second.x2] : [g2, x1], { axis });

/** `secondChain` composed of other primitives: its derivatives are taken from this. */
export function secondChainComposed(g2: Tensor, x1: Tensor, axis: number, second?: SecondTerm): Tensor {
  const { a, b } = directionPairs(x1.shape[axis]!);
  const square = mul(g2, mul(take(x1, a, axis), take(x1, b, axis)));
  return second ? add(mul(second.g1, second.x2), square) : square;
}
