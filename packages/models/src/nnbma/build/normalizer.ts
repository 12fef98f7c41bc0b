import { add, div, mul, sub, type Tensor } from "@nabla/tensor";
import { TransformerShapeError } from "../../errors.js";
import { type NormStats, type NormType, statValues } from "../operators.js";
import { type Placement, constant } from "./tensors.js";

/** A Normalizer or InverseNormalizer record. */
export interface NormalizerRecord {
  readonly type: "Normalizer" | "InverseNormalizer";
  readonly normType: NormType;
  readonly stats: NormStats;
}

/**
 * `max − min` per column, in the statistics' own precision: NumPy subtracts two float32
 * arrays in float32, so float32 statistics give a float32 range.
 */
function rangeOf(stats: NormStats): Float64Array {
  const [min, max] = [statValues(stats.min), statValues(stats.max)];
  const single = stats.min.dtype === "float32" && stats.max.dtype === "float32";
  return Float64Array.from(max, (v, k) => (single ? Math.fround(v - min[k]!) : v - min[k]!));
}

/**
 * nnbma's Normalizer / InverseNormalizer (`operators/normalization.py`) as a tensor function
 * over the last axis, with the same operations in the same order:
 *
 * | normType | Normalizer | InverseNormalizer |
 * |---|---|---|
 * | NONE | t | t |
 * | MEAN0 | t − mean | t + mean |
 * | STD1 | t / std | t · std |
 * | MEAN0STD1 | (t − mean) / std | t · std + mean |
 * | MIN0MAX1 | (t − min) / (max − min) | t · (max − min) + min |
 * | MIN1MAX1 | 2 (t − min) / (max − min) − 1 | (t + 1) (max − min) / 2 + min |
 */
export function normalizerFunction(record: NormalizerRecord, location: string, on: Placement): (x: Tensor) => Tensor {
  const { normType, stats } = record;
  const width = stats.mean.shape[0]!;
  const c = (values: Float64Array): Tensor => constant(values, [values.length], on);
  const [mean, std, min] = [c(statValues(stats.mean)), c(statValues(stats.std)), c(statValues(stats.min))];
  const range = c(rangeOf(stats));
  const inverse = record.type === "InverseNormalizer";
  const f = ((): ((t: Tensor) => Tensor) => {
    switch (normType) {
      case "NONE":
        return (t) => t;
      case "MEAN0":
        return inverse ? (t) => add(t, mean) : (t) => sub(t, mean);
      case "STD1":
        return inverse ? (t) => mul(t, std) : (t) => div(t, std);
      case "MEAN0STD1":
        return inverse ? (t) => add(mul(t, std), mean) : (t) => div(sub(t, mean), std);
      case "MIN0MAX1":
        return inverse ? (t) => add(mul(t, range), min) : (t) => div(sub(t, min), range);
      case "MIN1MAX1":
        return inverse ? (t) => add(div(mul(add(t, 1), range), 2), min) : (t) => sub(div(mul(sub(t, min), 2), range), 1);
    }
  })();
  return (x) => {
    const columns = x.shape[x.rank - 1];
    if (normType !== "NONE" && columns !== width && width !== 1) {
      throw new TransformerShapeError(
        location,
        `${location}: the ${record.type} (${normType}) has statistics for ${width} columns but was given a tensor of shape [${x.shape.join(", ")}]; expected ${width} columns.`,
      );
    }
    return f(x);
  };
}
