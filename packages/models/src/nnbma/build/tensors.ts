import { tensor, type Backend, type Tensor } from "@nabla/tensor";
import { WeightShapeError } from "../../errors.js";
import { type StateTensor, tensorToFloat64 } from "../../torch/stateDict.js";

/** The float type a network is built in: float64 (the default, the reference) or float32. */
export type FloatType = "float64" | "float32";

/**
 * Where a network's constants are made: their float type alone (on the CPU backend), or
 * the float type and the backend that every tensor meeting them lives on.
 */
export type Placement = FloatType | { readonly dtype: FloatType; readonly backend?: Backend };

/** A constant tensor placed `on` from float64 values (float32 weights were widened exactly, so float32 gives them back exactly). */
export function constant(values: ArrayLike<number>, shape: readonly number[], on: Placement): Tensor {
  return tensor(values, shape, typeof on === "string" ? { dtype: on } : on);
}

/** A state-dict tensor as a constant placed `on`. */
export function stateConstant(t: StateTensor, on: Placement): Tensor {
  return constant(tensorToFloat64(t), t.shape, on);
}

/**
 * Checks that a weight has the shape the architecture gives it. The reader checks this
 * already; a spec built by hand (or edited) is checked again here, naming the entry.
 */
export function checkShape(t: StateTensor, expected: readonly number[], file: string, key: string, why: string): void {
  const same = t.shape.length === expected.length && t.shape.every((d, i) => d === expected[i]);
  if (!same) throw new WeightShapeError(file, key, expected, t.shape, why);
}
