import type { Activation } from "../torch/activations.js";
import type { StateTensor } from "../torch/stateDict.js";
import { describeTransformer } from "./build/transformer.js";
import type { Transformer } from "./operators.js";
import type { HiddenLayer, LinearWeights, NnbmaNetworkSpec } from "./spec.js";

/** Python's `repr` of a float (`1.0`, `0.01`). */
const pyFloat = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));

const pyString = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** A list of names as nnbma prints it: more than 6 are cut to 6 and `'...'` (the count follows). */
function pyNames(names: readonly string[] | null): string {
  if (names === null) return "None";
  if (names.length <= 6) return `[${names.map(pyString).join(", ")}]`;
  return `[${[...names.slice(0, 6).map(pyString), "'...'"].join(", ")}] (${names.length} in all)`;
}

/** The torch module's repr: `GELU(approximate='none')`, `ELU(alpha=1.0)`. */
export function describeActivation(a: Activation): string {
  switch (a.type) {
    case "LeakyReLU":
      return `LeakyReLU(negative_slope=${pyFloat(a.negativeSlope)})`;
    case "ELU":
      return `ELU(alpha=${pyFloat(a.alpha)})`;
    case "GELU":
      return `GELU(approximate=${pyString(a.approximate)})`;
    case "Softplus":
      return `Softplus(beta=${pyFloat(a.beta)}, threshold=${pyFloat(a.threshold)})`;
    default:
      return `${a.type}()`;
  }
}

const pyBool = (b: boolean): string => (b ? "True" : "False");
const transformer = (t: Transformer | null): string => (t === null ? "None" : describeTransformer(t));
const count = (t: StateTensor | null): number => (t === null ? 0 : t.shape.reduce((n, d) => n * d, 1));
const linearCount = (l: LinearWeights): number => count(l.weight) + count(l.bias);
const hiddenCount = (l: HiddenLayer): number => linearCount(l.linear) + (l.batchNorm ? count(l.batchNorm.weight) + count(l.batchNorm.bias) : 0);

/**
 * The number of values in the network's `nn.Parameter`s, as nnbma's `count_parameters`
 * gives it: linear weights and biases, batch-norm scales and shifts (not their running
 * statistics, which are buffers), and the polynomial expansion's mask and statistics.
 */
export function parameterCount(spec: NnbmaNetworkSpec): number {
  switch (spec.architecture) {
    case "FullyConnected":
    case "DenselyConnected":
      return spec.hiddenLayers.reduce((n, l) => n + hiddenCount(l), linearCount(spec.outputLayer));
    case "PolynomialNetwork": {
      const e = spec.expansion;
      return count(e.mask) + count(e.count) + count(e.means) + count(e.squares) + count(e.stds) + parameterCount(spec.subnetwork);
    }
    case "MergingNetwork":
      return spec.subnetworks.reduce((n, s) => n + parameterCount(s), 0);
  }
}

/** The constructor arguments nnbma prints, in its order, as [name, text]. */
function argumentLines(spec: NnbmaNetworkSpec, indent: string): [string, string][] {
  const common: [string, string][] = [
    ["inputs_names", pyNames(spec.inputsNames)],
    ["outputs_names", pyNames(spec.outputsNames)],
    ["inputs_transformer", transformer(spec.inputsTransformer)],
    ["outputs_transformer", transformer(spec.outputsTransformer)],
    ["device", spec.device === null ? "None" : spec.device],
  ];
  const nested = (s: NnbmaNetworkSpec, deeper: string): string => describeNetwork(s, deeper).trimEnd();
  switch (spec.architecture) {
    case "FullyConnected":
      return [
        ["layers_sizes", `[${spec.layersSizes.join(", ")}]`],
        ["activation", describeActivation(spec.activation)],
        ["batch_norm", pyBool(spec.batchNorm)],
        ...common,
        ["last_restrictable", pyBool(spec.lastRestrictable)],
      ];
    case "DenselyConnected":
      return [
        ["input_features", String(spec.inputFeatures)],
        ["output_features", String(spec.outputFeatures)],
        ["n_layers", String(spec.nLayers)],
        ["growing_factor", pyFloat(spec.growingFactor)],
        ["layers_sizes", `[${spec.layersSizes.join(", ")}]`],
        ["activation", describeActivation(spec.activation)],
        ["batch_norm", pyBool(spec.batchNorm)],
        ...common,
        ["last_restrictable", pyBool(spec.lastRestrictable)],
      ];
    case "PolynomialNetwork":
      return [
        ["input_features", String(spec.inputFeatures)],
        ["order", String(spec.order)],
        ["subnetwork", nested(spec.subnetwork, `${indent}\t`)],
        ...common,
      ];
    case "MergingNetwork":
      return [["subnetworks", spec.subnetworks.map((s, i) => `\n${indent}\t\t[${i}] ${nested(s, `${indent}\t\t`)}`).join("")], ...common];
  }
}

/** nnbma's `str(network)`: the class, then one `\targument: value` line per constructor argument. */
function describeNetwork(spec: NnbmaNetworkSpec, indent: string): string {
  const lines = argumentLines(spec, indent).map(([name, text]) => `${indent}\t${name}:${text.startsWith("\n") ? "" : " "}${text}\n`);
  return `${spec.architecture}:\n${lines.join("")}`;
}

/**
 * What nnbma prints for the network (`str(net)`), then its parameter count and, for a
 * restricted model, the outputs it computes.
 */
export function nnbmaSummary(spec: NnbmaNetworkSpec, restricted: { outputs: readonly string[]; of: number } | null): string {
  let text = describeNetwork(spec, "");
  text += `\tparameters: ${parameterCount(spec)}\n`;
  if (restricted) text += `\trestricted to: ${pyNames(restricted.outputs)} (${restricted.outputs.length} of ${restricted.of} outputs)\n`;
  return text;
}
