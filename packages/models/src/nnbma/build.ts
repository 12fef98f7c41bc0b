import type { NnbmaNetworkSpec } from "./spec.js";
import { buildDenselyConnected } from "./build/denselyConnected.js";
import { buildFullyConnected } from "./build/fullyConnected.js";
import { buildMergingNetwork } from "./build/mergingNetwork.js";
import type { NetworkFunction } from "./build/network.js";
import { buildPolynomialNetwork } from "./build/polynomialNetwork.js";
import type { Backend } from "@nabla/tensor";
import type { FloatType, Placement } from "./build/tensors.js";

export interface BuildOptions {
  /** float64 (the default: float32 weights widened exactly, as PyTorch's `net.double()`) or float32. */
  readonly dtype?: FloatType;
  /** The backend the weights are made on (default: the CPU backend); inputs must live there too. */
  readonly backend?: Backend;
}

function build(spec: NnbmaNetworkSpec, on: Placement): NetworkFunction {
  switch (spec.architecture) {
    case "FullyConnected":
      return buildFullyConnected(spec, on);
    case "DenselyConnected":
      return buildDenselyConnected(spec, on);
    case "PolynomialNetwork":
      return buildPolynomialNetwork(spec, on, build);
    case "MergingNetwork":
      return buildMergingNetwork(spec, on, build);
  }
}

/**
 * Turns a network read by `readNnbmaFolder` into tensor functions computing nnbma's
 * `forward` (FORWARD.md): weights transposed once, batch norm folded into a scale and a
 * shift, the polynomial expansion computed from its monomials, and restrictions that
 * compute only the selected rows of the last layer. Shapes are checked against the
 * architecture (`WeightShapeError`, naming the entry).
 */
export function buildNetwork(spec: NnbmaNetworkSpec, options: BuildOptions = {}): NetworkFunction {
  return build(spec, { dtype: options.dtype ?? "float64", backend: options.backend });
}
