import { cast, type Backend, type Tensor } from "@nabla/tensor";
import { InputShapeError } from "../errors.js";
import { type LoadOptions, type Model, defaultNames } from "../model.js";
import { resolveOutputs } from "../outputSelection.js";
import { buildNetwork } from "./build.js";
import type { NetworkFunction } from "./build/network.js";
import type { FloatType } from "./build/tensors.js";
import { selectColumns, transformerFunction } from "./build/transformer.js";
import { readNnbmaFolder } from "./readFolder.js";
import type { NnbmaSource } from "./source.js";
import type { NnbmaNetworkSpec } from "./spec.js";
import { nnbmaSummary } from "./summary.js";

type TensorFn = (x: Tensor) => Tensor;

/** What every restriction of one loaded network shares. */
interface Loaded {
  readonly spec: NnbmaNetworkSpec;
  readonly dtype: FloatType;
  /** Where the weights live (undefined: the CPU backend). */
  readonly backend: Backend | undefined;
  /** The unrestricted network. */
  readonly network: NetworkFunction;
  readonly inputs: readonly string[];
  /** Every output name of the unrestricted network. */
  readonly allOutputs: readonly string[];
  readonly inputsTransformer: TensorFn | null;
}

/** An nnbma network as a `Model`; `selection` holds the full-network outputs it computes, or null for all. */
class NnbmaModel implements Model {
  readonly format = "nnbma" as const;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly forward: (x: Tensor) => Tensor;
  readonly physical: (x: Tensor) => Tensor;
  readonly evaluate: (x: Tensor) => Tensor;

  constructor(
    private readonly loaded: Loaded,
    private readonly selection: readonly number[] | null,
  ) {
    const { spec, dtype, backend, network, inputsTransformer } = loaded;
    const location = spec.location;
    const net = selection === null ? network : network.restrict(selection);
    this.inputs = loaded.inputs;
    this.outputs = selection === null ? loaded.allOutputs : selection.map((k) => loaded.allOutputs[k]!);
    const outputs =
      spec.outputsTransformer && (selection === null ? spec.outputsTransformer : selectColumns(spec.outputsTransformer, selection, location));
    const outputsTransformer = outputs ? transformerFunction(outputs, location, { dtype, backend }) : null;
    const width = spec.inputFeatures;
    const entry =
      (what: string) =>
      (x: Tensor): Tensor => {
        if (x.rank === 0 || x.shape[x.rank - 1] !== width) throw new InputShapeError(location, what, width, x.shape);
        return dtype === "float32" ? cast(x, "float32") : x;
      };
    const [forwardIn, physicalIn, evaluateIn] = [entry("forward"), entry("physical"), entry("evaluate")];
    this.forward = (x) => net.forward(forwardIn(x));
    const physical = (x: Tensor): Tensor => net.forward(inputsTransformer ? inputsTransformer(x) : x);
    this.physical = (x) => physical(physicalIn(x));
    this.evaluate = (x) => {
      const y = physical(evaluateIn(x));
      return outputsTransformer ? outputsTransformer(y) : y;
    };
  }

  restrict(outputs: readonly (string | number)[]): Model {
    const picked = resolveOutputs(outputs, this.outputs, this.loaded.spec.location);
    const selection = this.selection;
    return new NnbmaModel(this.loaded, selection === null ? picked : picked.map((i) => selection[i]!));
  }

  summary(): string {
    const restricted = this.selection === null ? null : { outputs: this.outputs, of: this.loaded.allOutputs.length };
    return nnbmaSummary(this.loaded.spec, restricted);
  }
}

/**
 * The `Model` of a network already read (`readNnbmaFolder`): builds its tensor functions
 * (see `buildNetwork`) and its transformers.
 */
export function nnbmaModel(spec: NnbmaNetworkSpec, options: LoadOptions = {}): Model {
  const { dtype = "float64", backend } = options;
  const network = buildNetwork(spec, { dtype, backend });
  return new NnbmaModel(
    {
      spec,
      dtype,
      backend,
      network,
      inputs: spec.inputsNames ?? defaultNames("x", spec.inputFeatures),
      allOutputs: spec.outputsNames ?? defaultNames("y", spec.outputFeatures),
      inputsTransformer: spec.inputsTransformer && transformerFunction(spec.inputsTransformer, spec.location, { dtype, backend }),
    },
    null,
  );
}

/**
 * Opens an nnbma network folder from any source (a directory in Node, picked files or a
 * URL in a browser) as a `Model`, float64 by default.
 */
export async function loadNnbma(source: NnbmaSource, options: LoadOptions = {}): Promise<Model> {
  return nnbmaModel(await readNnbmaFolder(source), options);
}
