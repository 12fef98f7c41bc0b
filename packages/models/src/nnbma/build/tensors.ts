import { tensor, type Tensor } from "@nabla/tensor";
import { WeightShapeError } from "../../errors.js";
import { type StateTensor, tensorToFloat64 } from "../../torch/stateDict.js";

/** The float type a network is built in: float64 (the default, the reference) or float32. */
export type FloatType = "float64" | "float32";

/** A constant tensor of `dtype` from float64 values (float32 weights were widened exactly, so float32 gives them back exactly). */
export function constant(values: ArrayLike<number>, shape: readonly number[], dtype: FloatType): Tensor {
  return tensor(values, shape, { dtype });
}

/** A state-dict tensor as a constant of `dtype`. */
export function stateConstant(t: StateTensor, dtype: FloatType): Tensor {
  return constant(tensorToFloat64(t), t.shape, dtype);
}

/**
 * Checks that a weight has the shape the architecture gives it. The reader checks this
 * already; a spec built by hand (or edited) is checked again here, naming the entry.
 */
export function checkShape(t: StateTensor, expected: readonly number[], file: string, key: string, why: string): void {
  const same = t.shape.length === expected.length && t.shape.every((d, i) => d === expected[i]);
  if (!same) throw new WeightShapeError(file, key, expected, t.shape, why);
}
