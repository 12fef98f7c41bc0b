import type { Arguments } from "../args.js";
import type { FullyConnectedSpec, HiddenLayer } from "../spec.js";
import { WeightReader } from "../weights.js";
import { networkCommon } from "./common.js";

/**
 * `FullyConnected(layers_sizes, activation, batch_norm, …, last_restrictable)`.
 * Hidden layer k is `layers.<k>`: `nn.Linear(sizes[k], sizes[k+1])`, or with batch norm
 * `nn.Sequential(nn.Linear(…, bias=False), nn.BatchNorm1d(sizes[k+1]))`; then `output_layer`.
 */
export function fullyConnectedSpec(args: Arguments): FullyConnectedSpec {
  const sizes = args.positiveInts("layers_sizes", 2);
  const activation = args.activation();
  const batchNorm = args.bool("batch_norm", false);
  const lastRestrictable = args.bool("last_restrictable", true);
  const common = networkCommon(args, sizes[0]!, sizes[sizes.length - 1]!);
  const weights = new WeightReader(args.saved.stateDict, args.saved.stateDictFile);
  const why = `layers_sizes [${sizes.join(", ")}] (${args.fileOf("layers_sizes")})`;

  const hiddenLayers: HiddenLayer[] = [];
  for (let k = 0; k + 2 < sizes.length; k++) {
    const [inF, outF] = [sizes[k]!, sizes[k + 1]!];
    hiddenLayers.push(
      batchNorm
        ? { linear: weights.linear(`layers.${k}.0`, inF, outF, false, why), batchNorm: weights.batchNorm(`layers.${k}.1`, outF, why) }
        : { linear: weights.linear(`layers.${k}`, inF, outF, true, why), batchNorm: null },
    );
  }
  const outputLayer = weights.linear("output_layer", sizes[sizes.length - 2]!, sizes[sizes.length - 1]!, true, why);
  weights.finish("FullyConnected");
  return {
    ...common,
    architecture: "FullyConnected",
    layersSizes: sizes,
    activation,
    batchNorm,
    lastRestrictable,
    hiddenLayers,
    outputLayer,
  };
}
