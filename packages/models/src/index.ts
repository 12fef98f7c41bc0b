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
} from "./errors.js";
