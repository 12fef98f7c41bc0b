// Models: networks as differentiable functions
export type { Model, ModelFormat, LoadOptions } from "./model.js";
export { defaultNames } from "./model.js";
export { resolveOutputs, closestNames } from "./outputSelection.js";
export { loadNnbma, nnbmaModel } from "./nnbma/model.js";
export { buildNetwork, type BuildOptions } from "./nnbma/build.js";
export type { NetworkFunction } from "./nnbma/build/network.js";
export type { FloatType } from "./nnbma/build/tensors.js";
export { activationFunction } from "./nnbma/build/activation.js";
export { operatorFunction } from "./nnbma/build/operatorFunction.js";
export { normalizerFunction } from "./nnbma/build/normalizer.js";
export { transformerFunction, selectColumns, describeTransformer } from "./nnbma/build/transformer.js";
export { nnbmaSummary, parameterCount, describeActivation } from "./nnbma/summary.js";

// nnbma network folders
export { readNnbmaFolder } from "./nnbma/readFolder.js";
export { sourceFromFiles, sourceFromFileList, sourceFromUrl, describeFile } from "./nnbma/source.js";
export type { NnbmaSource, FileLike, UrlSourceOptions } from "./nnbma/source.js";
export type {
  NnbmaNetworkSpec,
  NetworkCommon,
  FullyConnectedSpec,
  DenselyConnectedSpec,
  PolynomialNetworkSpec,
  PolynomialExpansionSpec,
  MergingNetworkSpec,
  HiddenLayer,
  LinearWeights,
  BatchNormWeights,
} from "./nnbma/spec.js";
export { expandedFeatures } from "./nnbma/architectures/polynomialNetwork.js";
export { BATCH_NORM_EPS } from "./nnbma/weights.js";
export { NORM_TYPES, OPERATOR_FUNCTIONS, isTransformer, statValues } from "./nnbma/operators.js";
export type { Transformer, OperatorFunction, OperatorFunctionName, NormType, NormStats } from "./nnbma/operators.js";

// PyTorch files
export { readStateDict, tensorToFloat64 } from "./torch/stateDict.js";
export type { StateDict, StateTensor, StateTensorDtype } from "./torch/stateDict.js";
export { ACTIVATION_CLASSES, isActivation } from "./torch/activations.js";
export type { Activation, ActivationType } from "./torch/activations.js";
export { readZip } from "./torch/zip.js";

// Pickle
export { loadPickle, loadPickleAt } from "./pickle/vm.js";
export type { LoadPickleOptions, LoadedPickle } from "./pickle/vm.js";
export { allowedPickleGlobals, resolveAllowedGlobal } from "./pickle/globals.js";
export { scanPickleGlobals } from "./pickle/scan.js";
export { PickleGlobal, isTuple } from "./pickle/values.js";
export type { EnumMember, PartialRecord, PickleContext } from "./pickle/values.js";
export type { NumpyArray, NumpyScalar, NumpyDtype } from "./pickle/numpy.js";

// Errors
export {
  ModelLoadError,
  PickleFormatError,
  UnsupportedPickleGlobalError,
  UnsupportedActivationError,
  ZipFormatError,
  StateDictError,
  UnsupportedStorageTypeError,
  MissingFileError,
  NotAnNnbmaFolderError,
  SourceReadError,
  NnbmaFormatError,
  UnsupportedArchitectureError,
  WeightShapeError,
  WeightKeyError,
  UnsupportedModelFormatError,
  UnsupportedBackendError,
  TransformerShapeError,
  InputShapeError,
  OutputSelectionError,
} from "./errors.js";

// ONNX and safetensors
export { loadOnnx } from "./onnx/loadOnnx.js";
export { supportedOnnxOps } from "./onnx/ops/index.js";
export { loadSafetensors } from "./safetensors/loadSafetensors.js";
export { readSafetensors, tensorValues } from "./safetensors/read.js";
export { parseArchitectureSpec, SPEC_ACTIVATIONS, type ArchitectureSpec, type SpecLayer, type SpecActivation } from "./safetensors/spec.js";
export {
  OnnxFormatError,
  OnnxGraphError,
  UnsupportedOnnxOpError,
  SafetensorsFormatError,
  UnsupportedSafetensorsDtypeError,
  ArchitectureSpecError,
} from "./errors.js";
