import { expm1, gelu, greater, leakyRelu, mul, relu, sigmoid, silu, softplus, softsign, tanh, where, type Tensor } from "@nabla/tensor";
import type { Activation } from "../../torch/activations.js";

/**
 * ELU, `x > 0 ? x : alpha·(eˣ − 1)`, whose derivative at 0 is alpha as in PyTorch: the
 * negative branch reads x through a select. (`elu` of @nabla/tensor reads it through
 * `minimum(x, 0)`, whose derivative at the tie is ½, so its derivative at 0 is alpha/2.)
 */
function elu(x: Tensor, alpha: number): Tensor {
  const positive = greater(x, 0);
  return where(positive, x, mul(expm1(where(positive, 0, x)), alpha));
}

/**
 * A torch activation module as a tensor function, with PyTorch's definition (and so its
 * one-sided derivative at a kink: see FORWARD.md, "Activations").
 */
export function activationFunction(a: Activation): (x: Tensor) => Tensor {
  switch (a.type) {
    case "ReLU":
      return relu;
    case "LeakyReLU":
      return (x) => leakyRelu(x, a.negativeSlope);
    case "ELU":
      return (x) => elu(x, a.alpha);
    case "GELU":
      return (x) => gelu(x, a.approximate);
    case "Tanh":
      return tanh;
    case "Sigmoid":
      return sigmoid;
    case "SiLU":
      return silu;
    case "Softplus":
      return (x) => softplus(x, a.beta, a.threshold);
    case "Softsign":
      return softsign;
    case "Identity":
      return (x) => x;
  }
}
