import { count } from "@nabla/tensor";
import { NnbmaFormatError } from "../../errors.js";
import type { Arguments } from "../args.js";
import type { MergingNetworkSpec } from "../spec.js";
import { WeightReader } from "../weights.js";
import { networkCommon } from "./common.js";

/**
 * `MergingNetwork(subnetworks, inputs_names, outputs_names, …)`, checked as its constructor
 * checks it. As in nnbma, the inputs' names are the sub-networks' (the saved argument is
 * not used), and `outputs_names` fixes the order of the concatenated outputs.
 */
export function mergingNetworkSpec(args: Arguments): MergingNetworkSpec {
  const subnetworks = args.networks("subnetworks");
  const where = args.fileOf("subnetworks");
  const inputFeatures = subnetworks[0]!.inputFeatures;
  subnetworks.forEach((net, i) => {
    if (net.inputFeatures !== inputFeatures) {
      throw new NnbmaFormatError(
        net.location,
        `${net.location}: sub-network ${i} takes ${count(net.inputFeatures, "input")} but sub-network 0 takes ${inputFeatures}; expected all equal.`,
      );
    }
  });
  const named = subnetworks.map((n) => n.inputsNames).filter((names): names is readonly string[] => names !== null);
  if (named.some((names) => names.join("\u0000") !== named[0]!.join("\u0000"))) {
    throw new NnbmaFormatError(where, `${where}: the sub-networks name their inputs differently; expected the same inputs_names in each.`);
  }
  const outputFeatures = subnetworks.reduce((total, n) => total + n.outputFeatures, 0);
  const saved = args.names("outputs_names", outputFeatures);
  const concatenated = subnetworks.every((n) => n.outputsNames !== null) ? subnetworks.flatMap((n) => n.outputsNames!) : null;

  let indices: number[];
  if (saved === null) {
    indices = Array.from({ length: outputFeatures }, (_, i) => i);
  } else {
    if (concatenated === null) {
      throw new NnbmaFormatError(
        where,
        `${where}: outputs_names is given but some sub-network has no outputs_names; expected every sub-network to name its outputs.`,
      );
    }
    if (new Set(concatenated).size !== concatenated.length) {
      throw new NnbmaFormatError(where, `${where}: two sub-networks have an output of the same name; expected distinct output names.`);
    }
    indices = saved.map((name) => {
      const at = concatenated.indexOf(name);
      if (at < 0)
        throw new NnbmaFormatError(
          args.fileOf("outputs_names"),
          `${args.fileOf("outputs_names")}: output "${name}" is not an output of any sub-network.`,
        );
      return at;
    });
  }
  const common = networkCommon(args, inputFeatures, outputFeatures);
  new WeightReader(args.saved.stateDict, args.saved.stateDictFile).finish("MergingNetwork");
  return {
    ...common,
    inputsNames: named[0] ?? null,
    outputsNames: saved ?? concatenated,
    architecture: "MergingNetwork",
    subnetworks,
    indices,
  };
}
