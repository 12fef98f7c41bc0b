import { concat, take, type Tensor, count } from "@nabla/tensor";
import { NnbmaFormatError } from "../../errors.js";
import type { MergingNetworkSpec, NnbmaNetworkSpec } from "../spec.js";
import type { NetworkFunction } from "./network.js";
import type { Placement } from "./tensors.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const isRange = (list: readonly number[], n: number): boolean => list.length === n && list.every((v, i) => v === i);

/**
 * MergingNetwork: every sub-network on the same input, outputs concatenated in order,
 * then reordered by `indices`. Restricted, each sub-network computes only the columns it
 * contributes (nnbma's own restriction of this class is broken; FORWARD.md gives the
 * meaning implemented here).
 */
export function buildMergingNetwork(
  spec: MergingNetworkSpec,
  on: Placement,
  build: (spec: NnbmaNetworkSpec, on: Placement) => NetworkFunction,
): NetworkFunction {
  const subnetworks = spec.subnetworks.map((s) => build(s, on));
  subnetworks.forEach((net, j) => {
    if (net.inputFeatures !== spec.inputFeatures) {
      throw new NnbmaFormatError(
        spec.subnetworks[j]!.location,
        `${spec.subnetworks[j]!.location}: sub-network ${j} takes ${count(net.inputFeatures, "input")}; expected ${spec.inputFeatures} like the MergingNetwork.`,
      );
    }
  });
  // Column c of the concatenation is column owner[c][1] of sub-network owner[c][0].
  const owner = subnetworks.flatMap((net, j) => range(net.outputFeatures).map((c) => [j, c] as const));
  if (spec.indices.length !== spec.outputFeatures || spec.indices.some((c) => !Number.isInteger(c) || c < 0 || c >= owner.length)) {
    throw new NnbmaFormatError(
      spec.location,
      `${spec.location}: the output order [${spec.indices.slice(0, 8).join(", ")}${spec.indices.length > 8 ? ", …" : ""}] does not select ${spec.outputFeatures} of the ${owner.length} sub-network outputs.`,
    );
  }

  const make = (selected: readonly number[]): NetworkFunction => {
    const parts = subnetworks.map(() => [] as number[]);
    const wanted = selected.map((k) => owner[spec.indices[k]!]!);
    for (const [j, c] of wanted) if (!parts[j]!.includes(c)) parts[j]!.push(c);
    const nets = parts.flatMap((cols, j) =>
      cols.length === 0 ? [] : [isRange(cols, subnetworks[j]!.outputFeatures) ? subnetworks[j]! : subnetworks[j]!.restrict(cols)],
    );
    const offsets = parts.map((_, j) => parts.slice(0, j).reduce((n, p) => n + p.length, 0));
    const pick = wanted.map(([j, c]) => offsets[j]! + parts[j]!.indexOf(c));
    const identity = isRange(pick, offsets[offsets.length - 1]! + parts[parts.length - 1]!.length);
    return {
      inputFeatures: spec.inputFeatures,
      outputFeatures: selected.length,
      forward: (x: Tensor) => {
        const joined = concat(
          nets.map((net) => net.forward(x)),
          -1,
        );
        return identity ? joined : take(joined, pick, -1);
      },
      restrict: (indices) => make([...indices]),
    };
  };
  return make(range(spec.outputFeatures));
}
