import { concat, type Tensor } from "@nabla/tensor";
import { NnbmaFormatError } from "../../errors.js";
import type { DenselyConnectedSpec } from "../spec.js";
import { checkLinear, hiddenLayerFunction } from "./linear.js";
import type { NetworkFunction } from "./network.js";
import { withOutputLayer } from "./outputLayer.js";
import type { Placement } from "./tensors.js";

/**
 * DenselyConnected: each hidden layer's output is appended to its input,
 * `h ← concat(h, act([BN](Linear_k(h))))`, and the output layer reads the whole
 * concatenation (FORWARD.md). Widths are `layersSizes` = [w₀, w₁, …, outputs].
 */
export function buildDenselyConnected(spec: DenselyConnectedSpec, on: Placement): NetworkFunction {
  const sizes = spec.layersSizes;
  const src = {
    file: `${spec.location}/state_dict.pth`,
    why: `input_features ${spec.inputFeatures}, n_layers ${spec.nLayers}, growing_factor ${spec.growingFactor} (${spec.location})`,
  };
  if (spec.hiddenLayers.length !== spec.nLayers - 1 || sizes.length !== spec.nLayers + 1) {
    throw new NnbmaFormatError(
      spec.location,
      `${spec.location}: DenselyConnected with n_layers ${spec.nLayers} has ${spec.hiddenLayers.length} hidden layers and layers_sizes [${sizes.join(", ")}]; expected ${spec.nLayers - 1} hidden layers and ${spec.nLayers + 1} sizes.`,
    );
  }
  const layers = spec.hiddenLayers.map((layer, k) =>
    hiddenLayerFunction(layer, spec.activation, sizes[k]!, sizes[k + 1]! - sizes[k]!, `layers.${k}`, src, on),
  );
  checkLinear(spec.outputLayer, "output_layer", sizes[sizes.length - 2]!, sizes[sizes.length - 1]!, src);
  const hidden = (x: Tensor): Tensor => layers.reduce((h, layer) => concat([h, layer(h)], -1), x);
  return withOutputLayer(spec.inputFeatures, hidden, spec.outputLayer, on);
}
