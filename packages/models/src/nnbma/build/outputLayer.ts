import type { Tensor } from "@nabla/tensor";
import type { LinearWeights } from "../spec.js";
import { linearFunction } from "./linear.js";
import type { NetworkFunction } from "./network.js";
import type { Placement } from "./tensors.js";

/**
 * A network made of hidden layers (`hidden`, any features) then a linear output layer with no
 * activation — FullyConnected and DenselyConnected. Restricting takes the selected rows of
 * the output layer's W and b (nnbma's RestrictableLinear), so one output of thousands costs
 * one row. The full layer's Wᵀ is built on the first unrestricted call and kept; a
 * restricted one is built at once. nnbma computes a non-restrictable last layer in full,
 * then indexes it: the values are the same, as every output column is its own sum.
 */
export function withOutputLayer(inputFeatures: number, hidden: (x: Tensor) => Tensor, output: LinearWeights, on: Placement): NetworkFunction {
  const make = (rows: readonly number[] | null): NetworkFunction => {
    let head = rows === null ? undefined : linearFunction(output, rows, on);
    return {
      inputFeatures,
      outputFeatures: rows === null ? output.weight.shape[0]! : rows.length,
      forward: (x) => {
        head ??= linearFunction(output, null, on);
        return head(hidden(x));
      },
      restrict: (indices) => make([...indices]),
    };
  };
  return make(null);
}
