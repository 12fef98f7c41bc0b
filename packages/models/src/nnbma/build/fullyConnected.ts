import type { Tensor } from "@nabla/tensor";
import { NnbmaFormatError } from "../../errors.js";
import type { FullyConnectedSpec } from "../spec.js";
import { checkLinear, hiddenLayerFunction } from "./linear.js";
import type { NetworkFunction } from "./network.js";
import { withOutputLayer } from "./outputLayer.js";
import type { Placement } from "./tensors.js";

/** FullyConnected: `h ← act([BN](Linear_k(h)))` for each hidden size, then the output layer (FORWARD.md). */
export function buildFullyConnected(spec: FullyConnectedSpec, on: Placement): NetworkFunction {
  const sizes = spec.layersSizes;
  const src = { file: `${spec.location}/state_dict.pth`, why: `layers_sizes [${sizes.join(", ")}] (${spec.location})` };
  if (spec.hiddenLayers.length !== sizes.length - 2) {
    throw new NnbmaFormatError(
      spec.location,
      `${spec.location}: FullyConnected has ${spec.hiddenLayers.length} hidden layers but layers_sizes [${sizes.join(", ")}] gives ${sizes.length - 2}.`,
    );
  }
  const layers = spec.hiddenLayers.map((layer, k) => hiddenLayerFunction(layer, spec.activation, sizes[k]!, sizes[k + 1]!, `layers.${k}`, src, on));
  checkLinear(spec.outputLayer, "output_layer", sizes[sizes.length - 2]!, sizes[sizes.length - 1]!, src);
  const hidden = (x: Tensor): Tensor => layers.reduce((h, layer) => layer(h), x);
  return withOutputLayer(spec.inputFeatures, hidden, spec.outputLayer, on);
}
