import { bind } from "../dispatch.js";
import { directionPairs, Prim } from "../primitives.js";
import { broadcastShapes } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { geluStack } from "./activations.js";
import { add, mul } from "./elementwise.js";
import { broadcastTo, concat, reshape, take } from "./movement.js";

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

/**
 * GELU⁽ᵒʳᵈᵉʳ⁾ (exact) of a value x with first-order coefficients x₁ [n, ...]
 * and, where it has any, second-order ones x₂ [n(n+1)/2, ...], to second
 * order, in one pass: [1 + n + n(n+1)/2, ...X] stacking the value, the first
 * and the second coefficients (Prim.GeluJet), X being the shape x and the
 * coefficients' trailing axes broadcast to. The stack's first axis leads, so
 * that each part of it is a block of the buffer.
 */
export const geluJet = (x: Tensor, x1: Tensor, order = 0, x2?: Tensor): Tensor => bind(Prim.GeluJet, x2 ? [x, x1, x2] : [x, x1], { order });

/** `geluJet` composed of other primitives: its derivatives are taken from this. */
export function geluJetComposed(x: Tensor, x1: Tensor, order = 0, x2?: Tensor): Tensor {
  const shape = broadcastShapes("geluJet", x.shape, x1.shape.slice(1), ...(x2 ? [x2.shape.slice(1)] : []));
  // Coefficients [k, ...s] as [k, ...shape]; the derivatives as [1, ...shape].
  const lined = (t: Tensor) => {
    const rest = t.shape.slice(1);
    return broadcastTo(reshape(t, [t.shape[0]!, ...new Array<number>(shape.length - rest.length).fill(1), ...rest]), [t.shape[0]!, ...shape]);
  };
  const stacked = geluStack(broadcastTo(x, shape), order, 3);
  const [g0, g1, g2] = [0, 1, 2].map((k) => take(stacked, [k], 0)) as [Tensor, Tensor, Tensor];
  const first = lined(x1);
  const second = secondChainComposed(g2, first, 0, x2 ? { g1, x2: lined(x2) } : undefined);
  return concat([g0, mul(g1, first), second], 0);
}
