import type { Tensor } from "../tensor.js";
import { bind } from "../dispatch.js";
import { Prim } from "../primitives.js";
import {
  abs,
  add,
  asTensors,
  sigmoid,
  div,
  exp,
  expm1,
  greater,
  log1p,
  maximum,
  mul,
  neg,
  pow,
  square,
  sub,
  tanh,
  where,
  type TensorLike,
} from "./elementwise.js";

// A select, not maximum(x, 0), so its derivative at 0 is 0 as in PyTorch.
export const relu = (x: TensorLike): Tensor => where(greater(x, 0), x, 0);

export const leakyRelu = (x: TensorLike, negativeSlope = 0.01): Tensor => where(greater(x, 0), x, mul(x, negativeSlope));

/** x for x > 0, alpha (e^x − 1) otherwise. */
export function elu(x: TensorLike, alpha = 1): Tensor {
  const positive = greater(x, 0);
  // A select, not minimum(x, 0), keeps expm1 from overflowing and gives the derivative alpha at 0, as PyTorch.
  return where(positive, x, mul(expm1(where(positive, 0, x)), alpha));
}

/** x Φ(x): exact with erf, or PyTorch's tanh approximation. */
export const gelu = (x: TensorLike, approximate: "none" | "tanh" = "none"): Tensor => bind(Prim.Gelu, asTensors([x]), { approximate, order: 0 });

/**
 * d gelu / dx. The exact form's derivatives of every order are one fused pass
 * each; the tanh form's is written with primitives so that it differentiates again.
 */
export function geluDerivative(x: Tensor, approximate: "none" | "tanh" = "none"): Tensor {
  return approximate === "none" ? bind(Prim.Gelu, [x], { approximate, order: 1 }) : geluTanhDerivative(x);
}

/** Exact GELU's derivatives of orders `order` … `order + count − 1`, stacked: [count, ...x.shape], in one pass. */
export const geluStack = (x: Tensor, order: number, count: number): Tensor => bind(Prim.GeluStack, [x], { order, count });

function geluTanhDerivative(x: Tensor): Tensor {
  const c = Math.sqrt(2 / Math.PI);
  const th = tanh(mul(add(x, mul(pow(x, 3), 0.044715)), c));
  // 0.5 (1 + tanh u) + 0.5 x (1 − tanh² u) c (1 + 3·0.044715 x²)
  const du = mul(add(mul(square(x), 3 * 0.044715), 1), c);
  return add(mul(add(th, 1), 0.5), mul(mul(mul(x, 0.5), sub(1, square(th))), du));
}

export const silu = (x: TensorLike): Tensor => mul(x, sigmoid(x));

/** log(1 + e^{βx}) / β, linear where βx > threshold (as PyTorch). */
export function softplus(x: TensorLike, beta = 1, threshold = 20): Tensor {
  const bx = mul(x, beta);
  // log1p(e^{−|βx|}) + max(βx, 0) is the stable form of log(1 + e^{βx}).
  const smooth = div(add(log1p(exp(neg(abs(bx)))), maximum(bx, 0)), beta);
  return where(greater(bx, threshold), x, smooth);
}

export const softsign = (x: TensorLike): Tensor => div(x, add(abs(x), 1));
