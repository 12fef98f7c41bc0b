import type { Activation } from "../torch/activations.js";
import type { StateDict, StateTensor } from "../torch/stateDict.js";
import type { Transformer } from "./operators.js";

/** A linear layer, `y = x · weightᵀ + bias`, in PyTorch's layout: `weight` is [out, in]. */
export interface LinearWeights {
  /** Shape [out, in]. */
  readonly weight: StateTensor;
  /** Shape [out], or null for a layer without bias. */
  readonly bias: StateTensor | null;
}

/** An `nn.BatchNorm1d` in eval mode: `(x − runningMean) / √(runningVar + eps) · weight + bias`. */
export interface BatchNormWeights {
  readonly weight: StateTensor;
  readonly bias: StateTensor;
  readonly runningMean: StateTensor;
  readonly runningVar: StateTensor;
  /** PyTorch's default, which nnbma never changes. */
  readonly eps: number;
  readonly numBatchesTracked: StateTensor | null;
}

/** A hidden layer: the linear map, then (if any) batch normalization; the activation follows. */
export interface HiddenLayer {
  readonly linear: LinearWeights;
  readonly batchNorm: BatchNormWeights | null;
}

/** What every nnbma network has (`nnbma.networks.neural_network.NeuralNetwork`). */
export interface NetworkCommon {
  /** The network's folder, as named in errors. */
  readonly location: string;
  /** The Python class, `"module.Name"`. */
  readonly className: string;
  readonly inputFeatures: number;
  readonly outputFeatures: number;
  readonly inputsNames: readonly string[] | null;
  readonly outputsNames: readonly string[] | null;
  /** Applied to physical inputs before `forward` (nnbma's `evaluate(..., transform_inputs=True)`). */
  readonly inputsTransformer: Transformer | null;
  /** Applied to `forward`'s outputs (nnbma's `evaluate(..., transform_outputs=True)`). */
  readonly outputsTransformer: Transformer | null;
  /** The device the network was saved from ("cpu", "cuda"), for information only. */
  readonly device: string | null;
  /** This folder's `state_dict.pth`, by key, in order (sub-networks' weights are in their own folders). */
  readonly stateDict: StateDict;
}

/** `nnbma.networks.fully_connected.FullyConnected`. */
export interface FullyConnectedSpec extends NetworkCommon {
  readonly architecture: "FullyConnected";
  /** [inputs, hidden…, outputs]. */
  readonly layersSizes: readonly number[];
  readonly activation: Activation;
  readonly batchNorm: boolean;
  /** Whether the output layer is a RestrictableLinear (computes only the selected rows once restricted). */
  readonly lastRestrictable: boolean;
  /** `layers.<k>` of the state dict, one per hidden size. */
  readonly hiddenLayers: readonly HiddenLayer[];
  /** `output_layer` of the state dict. */
  readonly outputLayer: LinearWeights;
}

/** `nnbma.networks.densely_connected.DenselyConnected`. */
export interface DenselyConnectedSpec extends NetworkCommon {
  readonly architecture: "DenselyConnected";
  readonly nLayers: number;
  readonly growingFactor: number;
  readonly activation: Activation;
  readonly batchNorm: boolean;
  readonly lastRestrictable: boolean;
  /** As nnbma computes it: [inputs, width after hidden layer 1, …, outputs]; widths grow by concatenation. */
  readonly layersSizes: readonly number[];
  /** `layers.<k>`: layer k maps the concatenated width so far to `ceil(growingFactor · width)` new features. */
  readonly hiddenLayers: readonly HiddenLayer[];
  readonly outputLayer: LinearWeights;
}

/** `nnbma.layers.polynomial_expansion.PolynomialExpansion` (the `poly.*` entries). */
export interface PolynomialExpansionSpec {
  readonly nFeatures: number;
  readonly order: number;
  /** Number of monomials of degree 1 to `order`. */
  readonly nExpandedFeatures: number;
  /** The selection matrix, [(nFeatures + 1)^order, nExpandedFeatures]. */
  readonly mask: StateTensor;
  /**
   * For each expanded feature, in output order, the 0-based input indices whose product it is
   * (with repetition: `[0, 0, 2]` is x₀²·x₂). Read from `mask`.
   */
  readonly monomials: readonly (readonly number[])[];
  /** Number of samples the standardization statistics were computed from (int64 scalar). */
  readonly count: StateTensor;
  /** Standardization: feature ← (feature − means) / stds. Shape [nExpandedFeatures]. */
  readonly means: StateTensor;
  readonly squares: StateTensor;
  readonly stds: StateTensor;
}

/** `nnbma.networks.polynomial_network.PolynomialNetwork`. */
export interface PolynomialNetworkSpec extends NetworkCommon {
  readonly architecture: "PolynomialNetwork";
  readonly order: number;
  readonly expansion: PolynomialExpansionSpec;
  /** The network applied to the standardized expansion (read from the `subnetwork/` folder). */
  readonly subnetwork: NnbmaNetworkSpec;
}

/** `nnbma.networks.merging_network.MergingNetwork`. */
export interface MergingNetworkSpec extends NetworkCommon {
  readonly architecture: "MergingNetwork";
  /** Read from `subnetworks-0/`, `subnetworks-1/`…; all take the same inputs. */
  readonly subnetworks: readonly NnbmaNetworkSpec[];
  /** Output k is column `indices[k]` of the sub-networks' outputs concatenated in order. */
  readonly indices: readonly number[];
}

/** An nnbma network read from its folder, as plain data. */
export type NnbmaNetworkSpec = FullyConnectedSpec | DenselyConnectedSpec | PolynomialNetworkSpec | MergingNetworkSpec;
