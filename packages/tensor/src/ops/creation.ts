import type { Backend } from "../backend.js";
import { cpu } from "../backends/cpu/index.js";
import { TensorDataError } from "../errors.js";
import type { DType } from "../primitives.js";
import { checkShape, fmt, sizeOf, type Shape } from "../shape.js";
import { Tensor, type NestedArray } from "../tensor.js";

export interface CreateOptions {
  /** float64 unless told otherwise. */
  dtype?: DType;
  /** The CPU backend unless told otherwise. */
  backend?: Backend;
}

/** The shape and row-major values of a nested array, which must be rectangular. */
function flatten(values: NestedArray): { shape: number[]; flat: number[] } {
  const shape: number[] = [];
  for (let v: NestedArray = values; Array.isArray(v); v = v[0]!) shape.push(v.length);
  const flat: number[] = [];
  const walk = (v: NestedArray, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== "number")
        throw new TensorDataError(`tensor: expected a number at ${path || "the top level"}, got ${Array.isArray(v) ? "an array" : typeof v}`);
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new TensorDataError(
        `tensor: ragged nesting at ${path || "the top level"}: expected an array of length ${shape[depth]}, got ${Array.isArray(v) ? `length ${v.length}` : typeof v}`,
      );
    }
    v.forEach((item, i) => walk(item, depth + 1, `${path}[${i}]`));
  };
  walk(values, 0, "");
  return { shape, flat };
}

/**
 * A tensor from nested arrays (shape inferred) or from flat values with a shape.
 *
 *     tensor([[1, 2], [3, 4]])                    // shape [2, 2], float64
 *     tensor(new Float64Array(6), [2, 3])
 */
export function tensor(values: NestedArray | ArrayLike<number>, shape?: Shape, options: CreateOptions = {}): Tensor {
  const { dtype = "float64", backend = cpu } = options;
  let flat: ArrayLike<number>;
  let inferred: Shape;
  if (typeof values === "number" || Array.isArray(values)) {
    ({ shape: inferred, flat } = flatten(values as NestedArray));
  } else {
    flat = values;
    inferred = [flat.length];
  }
  const finalShape = shape ?? inferred;
  checkShape("tensor", finalShape);
  if (sizeOf(finalShape) !== flat.length) {
    throw new TensorDataError(`tensor: ${flat.length} values cannot fill shape ${fmt(finalShape)} (${sizeOf(finalShape)} elements)`);
  }
  return new Tensor([...finalShape], dtype, backend, backend.fromHost(flat, dtype));
}

export function full(shape: Shape, value: number, options: CreateOptions = {}): Tensor {
  checkShape("full", shape);
  return tensor(new Float64Array(sizeOf(shape)).fill(value), shape, options);
}

export const zeros = (shape: Shape, options: CreateOptions = {}): Tensor => full(shape, 0, options);
export const ones = (shape: Shape, options: CreateOptions = {}): Tensor => full(shape, 1, options);

/** The n×n identity. */
export function eye(n: number, options: CreateOptions = {}): Tensor {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return tensor(data, [n, n], options);
}

/** `num` evenly spaced values from `start` to `stop`, both included. */
export function linspace(start: number, stop: number, num: number, options: CreateOptions = {}): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new TensorDataError(`linspace: num must be a non-negative integer, got ${num}`);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  // The last value is exactly `stop`, as in NumPy.
  const data = Float64Array.from({ length: num }, (_, i) => (i === num - 1 && num > 1 ? stop : start + i * step));
  return tensor(data, [num], options);
}

/** Values from `start` (included) to `stop` (excluded) by `step`; `arange(n)` is 0, 1, …, n−1. */
export function arange(start: number, stop?: number, step = 1, options: CreateOptions = {}): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new TensorDataError("arange: step must not be 0");
  const num = Math.max(0, Math.ceil((stop - start) / step));
  return tensor(
    Float64Array.from({ length: num }, (_, i) => start + i * step),
    [num],
    options,
  );
}
