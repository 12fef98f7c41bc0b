import { count } from "@nabla/tensor";
import { NnbmaFormatError } from "../../errors.js";
import type { NnbmaNetworkSpec, PolynomialNetworkSpec } from "../spec.js";
import type { NetworkFunction } from "./network.js";
import { polynomialExpansionFunction } from "./polynomialExpansion.js";
import type { Placement } from "./tensors.js";

/**
 * PolynomialNetwork: `subnetwork.forward(poly(x))` (the sub-network's own transformers are
 * not applied). A restriction is passed on to the sub-network.
 */
export function buildPolynomialNetwork(
  spec: PolynomialNetworkSpec,
  on: Placement,
  build: (spec: NnbmaNetworkSpec, on: Placement) => NetworkFunction,
): NetworkFunction {
  const poly = polynomialExpansionFunction(spec.expansion, spec.location, on);
  const subnetwork = build(spec.subnetwork, on);
  if (subnetwork.inputFeatures !== spec.expansion.nExpandedFeatures) {
    throw new NnbmaFormatError(
      spec.subnetwork.location,
      `${spec.subnetwork.location}: the sub-network takes ${count(subnetwork.inputFeatures, "input")}; expected the ${count(spec.expansion.nExpandedFeatures, "feature")} of the order-${spec.order} expansion of ${count(spec.inputFeatures, "input")}.`,
    );
  }
  const make = (net: NetworkFunction): NetworkFunction => ({
    inputFeatures: spec.inputFeatures,
    outputFeatures: net.outputFeatures,
    forward: (x) => net.forward(poly(x)),
    restrict: (indices) => make(subnetwork.restrict(indices)),
  });
  return make(subnetwork);
}
