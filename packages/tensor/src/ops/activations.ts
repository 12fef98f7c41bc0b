import type { Tensor } from "../tensor.js";
import { abs, add, erf, exp, expm1, greater, log1p, maximum, minimum, mul, neg, pow, tanh, where, div, type TensorLike } from "./elementwise.js";

/** 1 / (1 + e^−x), written through tanh so it is stable for large |x|. */
export const sigmoid = (x: TensorLike): Tensor => mul(add(tanh(mul(x, 0.5)), 1), 0.5);

// A select, not maximum(x, 0), so its derivative at 0 is 0 as in PyTorch.
export const relu = (x: TensorLike): Tensor => where(greater(x, 0), x, 0);

export const leakyRelu = (x: TensorLike, negativeSlope = 0.01): Tensor => where(greater(x, 0), x, mul(x, negativeSlope));

/** x for x > 0, alpha (e^x − 1) otherwise. */
export const elu = (x: TensorLike, alpha = 1): Tensor => where(greater(x, 0), x, mul(expm1(minimum(x, 0)), alpha));

/** x Φ(x): exact with erf, or PyTorch's tanh approximation. */
export function gelu(x: TensorLike, approximate: "none" | "tanh" = "none"): Tensor {
  if (approximate === "tanh") {
    const inner = mul(add(x, mul(pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  }
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
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
