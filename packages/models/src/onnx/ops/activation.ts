/** Activation functions, with ONNX's attributes and defaults. */
import { elu, gelu, leakyRelu, relu, sigmoid, softplus, tanh } from "@nabla/tensor";
import type { OpHandler } from "../handler.js";

export const Relu: OpHandler = (ctx) => relu(ctx.input(0));

/** `alpha` (default 0.01) is the slope for x < 0. */
export const LeakyRelu: OpHandler = (ctx) => leakyRelu(ctx.input(0), ctx.attributes.float("alpha", 0.01));

/** `alpha` (default 1): alpha·(eˣ − 1) for x < 0. */
export const Elu: OpHandler = (ctx) => elu(ctx.input(0), ctx.attributes.float("alpha", 1));

/** `approximate`: "none" (default, with erf) or "tanh". */
export const Gelu: OpHandler = (ctx) => {
  const approximate = ctx.attributes.string("approximate", "none");
  if (approximate !== "none" && approximate !== "tanh") return ctx.fail(`attribute "approximate" is "${approximate}"; expected "none" or "tanh".`);
  return gelu(ctx.input(0), approximate);
};

export const Tanh: OpHandler = (ctx) => tanh(ctx.input(0));

export const Sigmoid: OpHandler = (ctx) => sigmoid(ctx.input(0));

/** log(1 + eˣ), exactly (ONNX's Softplus has no beta and no linear threshold). */
export const Softplus: OpHandler = (ctx) => softplus(ctx.input(0), 1, Number.POSITIVE_INFINITY);
