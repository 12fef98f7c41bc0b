import type { Prim, PrimParams, Tensor } from "@nabla/tensor";

/** The output tangent, given the primals, their tangents (null: a symbolic zero) and the primal output. */
export type JvpRule<P extends Prim> = (primals: Tensor[], tangents: (Tensor | null)[], out: Tensor, params: PrimParams[P]) => Tensor | null;

/** The input cotangents (null: none, or not needed) for the output cotangent `ct`. */
export type VjpRule<P extends Prim> = (ct: Tensor, primals: Tensor[], out: Tensor, params: PrimParams[P], needs: boolean[]) => (Tensor | null)[];

/** The primitive applied to operands batched along `dims` (null: not batched); returns the output and its batch dimension. */
export type BatchRule<P extends Prim> = (axisSize: number, vals: Tensor[], dims: (number | null)[], params: PrimParams[P]) => [Tensor, number | null];

/** The three rule tables of a family of primitives. */
export interface RuleSet<K extends Prim> {
  jvp: { [P in K]: JvpRule<P> };
  vjp: { [P in K]: VjpRule<P> };
  batch: { [P in K]: BatchRule<P> };
}
