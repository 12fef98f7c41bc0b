import { WeightKeyError, WeightShapeError } from "../errors.js";
import type { StateDict, StateTensor } from "../torch/stateDict.js";
import type { BatchNormWeights, LinearWeights } from "./spec.js";

/** PyTorch's `nn.BatchNorm1d` default epsilon (nnbma keeps the default). */
export const BATCH_NORM_EPS = 1e-5;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Takes the entries of a state dict that an architecture declares, checking each shape
 * against the declared sizes, then reports any entry left over (PyTorch's
 * `load_state_dict` refuses both missing and unexpected keys).
 */
export class WeightReader {
  private readonly used = new Set<string>();

  constructor(
    private readonly stateDict: StateDict,
    /** The `state_dict.pth` file, as named in errors. */
    private readonly file: string,
  ) {}

  /** The entry `key`, which must have `shape`; `why` says where the shape comes from. */
  take(key: string, shape: readonly number[], why: string, kind: "float" | "int" = "float"): StateTensor {
    const tensor = this.stateDict.get(key);
    if (!tensor) {
      throw new WeightKeyError(
        this.file,
        [key],
        `${this.file}: the state dict has no entry "${key}" (shape [${shape.join(", ")}] from ${why}); it holds ${[...this.stateDict.keys()].join(", ") || "nothing"}.`,
      );
    }
    if (!sameShape(tensor.shape, shape)) throw new WeightShapeError(this.file, key, shape, tensor.shape, why);
    const isFloat = tensor.dtype === "float32" || tensor.dtype === "float64";
    if ((kind === "float") !== isFloat) {
      throw new WeightKeyError(
        this.file,
        [key],
        `${this.file}: entry "${key}" is ${tensor.dtype}; expected ${kind === "float" ? "float32 or float64" : "int64"}.`,
      );
    }
    this.used.add(key);
    return tensor;
  }

  /** Like `take`, but an absent entry gives null. */
  optional(key: string, shape: readonly number[], why: string, kind: "float" | "int" = "float"): StateTensor | null {
    return this.stateDict.has(key) ? this.take(key, shape, why, kind) : null;
  }

  /** `<prefix>.weight` [out, in] and, when `bias`, `<prefix>.bias` [out]. */
  linear(prefix: string, inFeatures: number, outFeatures: number, bias: boolean, why: string): LinearWeights {
    return {
      weight: this.take(`${prefix}.weight`, [outFeatures, inFeatures], why),
      bias: bias ? this.take(`${prefix}.bias`, [outFeatures], why) : null,
    };
  }

  /** `<prefix>.{weight,bias,running_mean,running_var[,num_batches_tracked]}` of a BatchNorm1d(n). */
  batchNorm(prefix: string, features: number, why: string): BatchNormWeights {
    return {
      weight: this.take(`${prefix}.weight`, [features], why),
      bias: this.take(`${prefix}.bias`, [features], why),
      runningMean: this.take(`${prefix}.running_mean`, [features], why),
      runningVar: this.take(`${prefix}.running_var`, [features], why),
      eps: BATCH_NORM_EPS,
      numBatchesTracked: this.optional(`${prefix}.num_batches_tracked`, [], why, "int"),
    };
  }

  /** Throws when the state dict holds entries the architecture does not use. */
  finish(architecture: string): void {
    const extra = [...this.stateDict.keys()].filter((key) => !this.used.has(key));
    if (extra.length > 0) {
      throw new WeightKeyError(
        this.file,
        extra,
        `${this.file}: the state dict holds ${extra.map((k) => `"${k}"`).join(", ")}, which ${architecture} does not have; the architecture files and the weights disagree.`,
      );
    }
  }
}
