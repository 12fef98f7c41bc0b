import type { Arguments } from "../args.js";
import type { DenselyConnectedSpec, HiddenLayer } from "../spec.js";
import { WeightReader } from "../weights.js";
import { networkCommon } from "./common.js";

/**
 * `DenselyConnected(input_features, output_features, n_layers, growing_factor, activation, batch_norm, …)`.
 * Hidden layer k (k < n_layers − 1) maps the width so far, w, to `ceil(growing_factor · w)`
 * new features: `layers.<k>` is `nn.Linear`, or with batch norm and k < n_layers − 2
 * `nn.Sequential(nn.Linear, nn.BatchNorm1d)` (the linear keeps its bias); then `output_layer`.
 */
export function denselyConnectedSpec(args: Arguments): DenselyConnectedSpec {
  const inputFeatures = args.positiveInt("input_features");
  const outputFeatures = args.positiveInt("output_features");
  const nLayers = args.positiveInt("n_layers");
  const growingFactor = args.positiveNumber("growing_factor");
  const activation = args.activation();
  const batchNorm = args.bool("batch_norm", false);
  const lastRestrictable = args.bool("last_restrictable", true);
  const common = networkCommon(args, inputFeatures, outputFeatures);
  const weights = new WeightReader(args.saved.stateDict, args.saved.stateDictFile);
  const why = `input_features ${inputFeatures}, n_layers ${nLayers}, growing_factor ${growingFactor}, output_features ${outputFeatures} (${args.saved.location})`;

  const hiddenLayers: HiddenLayer[] = [];
  const layersSizes = [inputFeatures];
  let width = inputFeatures;
  for (let k = 0; k < nLayers - 1; k++) {
    const added = Math.ceil(growingFactor * width);
    hiddenLayers.push(
      batchNorm && k < nLayers - 2
        ? { linear: weights.linear(`layers.${k}.0`, width, added, true, why), batchNorm: weights.batchNorm(`layers.${k}.1`, added, why) }
        : { linear: weights.linear(`layers.${k}`, width, added, true, why), batchNorm: null },
    );
    width += added;
    layersSizes.push(width);
  }
  const outputLayer = weights.linear("output_layer", width, outputFeatures, true, why);
  layersSizes.push(outputFeatures);
  weights.finish("DenselyConnected");
  return {
    ...common,
    architecture: "DenselyConnected",
    nLayers,
    growingFactor,
    activation,
    batchNorm,
    lastRestrictable,
    layersSizes,
    hiddenLayers,
    outputLayer,
  };
}
