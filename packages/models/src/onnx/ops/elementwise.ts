/** Elementwise arithmetic (multidirectional broadcasting, as NumPy): Add, Sub, Mul, Div, Pow, Sqrt, Erf. */
import { add, div, erf, mul, pow, sqrt, sub } from "@nabla/tensor";
import type { OpContext, OpHandler } from "../handler.js";

export const Add: OpHandler = (ctx) => add(ctx.input(0), ctx.input(1));

export const Sub: OpHandler = (ctx) => sub(ctx.input(0), ctx.input(1));

export const Mul: OpHandler = (ctx) => mul(ctx.input(0), ctx.input(1));

export const Div: OpHandler = (ctx) => div(ctx.input(0), ctx.input(1));

/** A one-element constant exponent is passed as a number (`x²` stays a square, with no log x anywhere). */
export const Pow: OpHandler = (ctx) => {
  const base = ctx.input(0);
  return pow(base, scalarConstant(ctx, 1, base.rank) ?? ctx.input(1));
};

export const Sqrt: OpHandler = (ctx) => sqrt(ctx.input(0));

export const Erf: OpHandler = (ctx) => erf(ctx.input(0));

/** Input `i`'s value when it is a one-element constant that broadcasting would not add axes for. */
function scalarConstant(ctx: OpContext, i: number, partnerRank: number): number | undefined {
  const value = ctx.constant(i);
  return value !== undefined && value.size === 1 && value.dims.length <= partnerRank ? value.values[0] : undefined;
}
