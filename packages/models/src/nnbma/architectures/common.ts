import type { Arguments } from "../args.js";
import type { NetworkCommon } from "../spec.js";

/**
 * The fields every network has, checked as nnbma's `NeuralNetwork.__init__` checks them:
 * one distinct name per input and per output, transformers that are nnbma operators.
 */
export function networkCommon(args: Arguments, inputFeatures: number, outputFeatures: number): NetworkCommon {
  const { saved } = args;
  return {
    location: saved.location,
    className: saved.className,
    inputFeatures,
    outputFeatures,
    inputsNames: args.names("inputs_names", inputFeatures),
    outputsNames: args.names("outputs_names", outputFeatures),
    inputsTransformer: args.transformer("inputs_transformer"),
    outputsTransformer: args.transformer("outputs_transformer"),
    device: args.device(),
    stateDict: saved.stateDict,
  };
}
