/**
 * Errors raised while reading model files. Each one names the file it concerns
 * (`file`), says what was wrong and what was expected.
 */

/** Base class: something in a model file (or folder) could not be read. */
export class ModelLoadError extends Error {
  override name = "ModelLoadError";
  /** The file or folder the problem is in (a path, a URL or a `zip:entry` name). */
  readonly file: string;

  constructor(file: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.file = file;
  }
}

/** A pickle stream is truncated, malformed or uses an opcode that is refused. */
export class PickleFormatError extends ModelLoadError {
  override name = "PickleFormatError";
  /** Byte offset in the pickle where the problem was found, when known. */
  readonly offset: number | undefined;

  constructor(file: string, message: string, offset?: number) {
    super(file, message);
    this.offset = offset;
  }
}

/**
 * A pickle names a global (class or function) that is not on the allow-list.
 * Nothing is ever executed: the global is refused as soon as it is read.
 */
export class UnsupportedPickleGlobalError extends ModelLoadError {
  override name = "UnsupportedPickleGlobalError";
  /** The refused global, as `"module.Name"`. */
  readonly globalName: string;

  constructor(globalName: string, file: string, message?: string) {
    super(
      file,
      message ??
        `${file}: the pickle refers to the global "${globalName}", which is not allowed. ` +
          "Only plain-data classes are read (torch activation modules and tensors, numpy arrays, " +
          "collections.OrderedDict, nnbma networks, operators and normalizers); nothing in a model file is ever executed.",
    );
    this.globalName = globalName;
  }
}

/** An activation module that nabla does not implement. */
export class UnsupportedActivationError extends UnsupportedPickleGlobalError {
  override name = "UnsupportedActivationError";

  constructor(globalName: string, file: string, supported: readonly string[]) {
    super(globalName, file, `${file}: the activation "${globalName}" is not supported; expected one of ${supported.join(", ")}.`);
  }
}

/** A zip archive (PyTorch's `state_dict.pth`) is truncated, corrupted or not a zip. */
export class ZipFormatError extends ModelLoadError {
  override name = "ZipFormatError";
}

/** A PyTorch state dict does not have the structure `torch.save` gives it. */
export class StateDictError extends ModelLoadError {
  override name = "StateDictError";
}

/** A tensor storage of a type that is not read (only float32, float64 and int64 are). */
export class UnsupportedStorageTypeError extends StateDictError {
  override name = "UnsupportedStorageTypeError";
  readonly storageType: string;

  constructor(storageType: string, file: string) {
    super(
      file,
      `${file}: tensor storage type "${storageType}" is not supported; expected torch.FloatStorage (float32), ` +
        "torch.DoubleStorage (float64) or torch.LongStorage (int64).",
    );
    this.storageType = storageType;
  }
}

/** A file that the format requires is absent. */
export class MissingFileError extends ModelLoadError {
  override name = "MissingFileError";
}

/** The folder has no `init.pkl`: it is empty or not a folder written by nnbma's `NeuralNetwork.save`. */
export class NotAnNnbmaFolderError extends ModelLoadError {
  override name = "NotAnNnbmaFolderError";
}

/** A file could not be read from its source (an I/O or HTTP failure, not an absent file). */
export class SourceReadError extends ModelLoadError {
  override name = "SourceReadError";
}

/** An nnbma argument file holds a value of the wrong type or an inconsistent value. */
export class NnbmaFormatError extends ModelLoadError {
  override name = "NnbmaFormatError";
}

/** A network class that is recognised but not implemented (EmbeddingNetwork). */
export class UnsupportedArchitectureError extends ModelLoadError {
  override name = "UnsupportedArchitectureError";
  /** The Python class, as `"module.Name"`. */
  readonly className: string;

  constructor(className: string, file: string, message: string) {
    super(file, message);
    this.className = className;
  }
}

/** A state-dict entry whose shape disagrees with the sizes the architecture declares. */
export class WeightShapeError extends ModelLoadError {
  override name = "WeightShapeError";
  readonly key: string;
  readonly expected: readonly number[];
  readonly actual: readonly number[];

  constructor(file: string, key: string, expected: readonly number[], actual: readonly number[], why: string) {
    super(file, `${file}: weight "${key}" has shape [${actual.join(", ")}] but ${why} gives [${expected.join(", ")}].`);
    this.key = key;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A state dict lacks an entry the architecture needs, or holds one it does not use. */
export class WeightKeyError extends ModelLoadError {
  override name = "WeightKeyError";
  readonly keys: readonly string[];

  constructor(file: string, keys: readonly string[], message: string) {
    super(file, message);
    this.keys = keys;
  }
}

/** A file or folder that is not in a model format this package opens. */
export class UnsupportedModelFormatError extends ModelLoadError {
  override name = "UnsupportedModelFormatError";
}

/** A model format asked to make its weights on a backend it does not support (ONNX and safetensors: the CPU backend only). */
export class UnsupportedBackendError extends ModelLoadError {
  override name = "UnsupportedBackendError";
}

/**
 * A transformer (an nnbma operator or normalizer) that cannot act on the columns it is
 * given: a Normalizer whose statistics have another width, a ColumnwiseOperator given
 * fewer columns than it has operators.
 */
export class TransformerShapeError extends Error {
  override name = "TransformerShapeError";
  /** The network the transformer belongs to. */
  readonly location: string;

  constructor(location: string, message: string) {
    super(message);
    this.location = location;
  }
}

/** A model was called on a tensor whose shape does not fit its inputs. */
export class InputShapeError extends Error {
  override name = "InputShapeError";
  readonly location: string;
  readonly expected: number;
  readonly actual: readonly number[];

  constructor(location: string, what: string, expected: number, actual: readonly number[]) {
    super(
      `${location}: ${what} was given a tensor of shape [${actual.join(", ")}]; expected [${expected}] (one point) or [N, ${expected}] (a batch of points).`,
    );
    this.location = location;
    this.expected = expected;
    this.actual = actual;
  }
}

/** `restrict` was given an unknown output name, an index out of range, or nothing. */
export class OutputSelectionError extends Error {
  override name = "OutputSelectionError";
  readonly location: string;
  /** The entry that could not be resolved (undefined when the selection is empty). */
  readonly entry: string | number | undefined;

  constructor(location: string, entry: string | number | undefined, message: string) {
    super(message);
    this.location = location;
    this.entry = entry;
  }
}

/** An ONNX file that is not a well-formed `ModelProto` (truncated, corrupted, missing its graph or tensor data). */
export class OnnxFormatError extends ModelLoadError {
  override name = "OnnxFormatError";
}

/** An ONNX graph whose structure cannot be evaluated: several inputs, a value nothing produces, a cycle, a bad attribute. */
export class OnnxGraphError extends ModelLoadError {
  override name = "OnnxGraphError";
  /** The node concerned (its name, or `#index` when unnamed), when there is one. */
  readonly node: string | undefined;

  constructor(file: string, message: string, node?: string, options?: ErrorOptions) {
    super(file, message, options);
    this.node = node;
  }
}

/** An ONNX node whose operator nabla does not implement. */
export class UnsupportedOnnxOpError extends OnnxGraphError {
  override name = "UnsupportedOnnxOpError";
  /** The operator, as `op_type` (prefixed with its domain outside the default one). */
  readonly opType: string;

  constructor(file: string, opType: string, node: string, supported: readonly string[]) {
    super(file, `${file}: node "${node}" uses the operator ${opType}, which is not supported; expected one of ${supported.join(", ")}.`, node);
    this.opType = opType;
  }
}

/** A safetensors file whose header or data is malformed (length, JSON, offsets). */
export class SafetensorsFormatError extends ModelLoadError {
  override name = "SafetensorsFormatError";
}

/** A safetensors tensor of an element type that is not read (only F32 and F64 are). */
export class UnsupportedSafetensorsDtypeError extends SafetensorsFormatError {
  override name = "UnsupportedSafetensorsDtypeError";
  readonly tensor: string;
  readonly dtype: string;

  constructor(file: string, tensor: string, dtype: string) {
    super(file, `${file}: tensor "${tensor}" has dtype ${dtype}, which is not supported; expected F32 or F64.`);
    this.tensor = tensor;
    this.dtype = dtype;
  }
}

/** A safetensors architecture spec that is malformed or disagrees with the file's tensors. */
export class ArchitectureSpecError extends ModelLoadError {
  override name = "ArchitectureSpecError";
}
