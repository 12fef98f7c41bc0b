/** A spec activation as a tensor function (PyTorch's definitions, as nnbma's activations). */
import { elu, gelu, leakyRelu, relu, sigmoid, silu, softplus, softsign, tanh, type Tensor } from "@nabla/tensor";
import type { SpecActivation } from "./spec.js";

export function specActivationFunction(activation: SpecActivation): (x: Tensor) => Tensor {
  switch (activation.type) {
    case "identity":
      return (x) => x;
    case "relu":
      return relu;
    case "leaky_relu":
      return (x) => leakyRelu(x, activation.slope);
    case "elu":
      return (x) => elu(x, activation.alpha);
    case "gelu":
      return (x) => gelu(x, activation.approximate);
    case "tanh":
      return tanh;
    case "sigmoid":
      return sigmoid;
    case "silu":
      return silu;
    case "softplus":
      return (x) => softplus(x, activation.beta, activation.threshold);
    case "softsign":
      return softsign;
  }
}

/** `gelu(approximate=tanh)`, `leaky_relu(slope=0.2)`, `relu`: for summaries. */
export function describeSpecActivation(activation: SpecActivation): string {
  const params = Object.entries(activation).filter(([key]) => key !== "type");
  return params.length === 0 ? activation.type : `${activation.type}(${params.map(([k, v]) => `${k}=${v}`).join(", ")})`;
}
