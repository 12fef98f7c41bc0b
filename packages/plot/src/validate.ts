import type { FunctionData, Numbers, Order, Samples } from "./data.js";
import { orderField } from "./data.js";
import { GridError, IndexRangeError, MissingDataError, ShapeError } from "./errors.js";

/** Checks that `value` is an integer in [0, size) and returns it. */
export function checkIndex(where: string, field: string, value: unknown, size: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= size) {
    throw new IndexRangeError(where, field, value, size);
  }
  return value;
}

/** Checks that `value` is a positive integer (a dimension) and returns it. */
export function checkSize(where: string, field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new GridError(where, field, `is ${String(value)}`, "a positive integer");
  }
  return value;
}

/** Checks sampling coordinates: at least `min` finite numbers. */
export function checkCoordinates(where: string, field: string, x: Numbers | undefined, min = 2): number {
  if (x == null || typeof x.length !== "number") {
    throw new GridError(where, field, "is missing", `an array of at least ${min} coordinates`);
  }
  if (x.length < min) {
    throw new GridError(where, field, `has ${x.length} coordinate(s)`, `at least ${min}`);
  }
  for (let i = 0; i < x.length; ++i) {
    if (!Number.isFinite(x[i])) {
      throw new GridError(where, `${field}[${i}]`, `is ${x[i]}`, "a finite number");
    }
  }
  return x.length;
}

/**
 * Checks that coordinates are evenly spaced (as a map's grid must be) within
 * a thousandth of a step, and returns the step.
 */
export function checkEvenlySpaced(where: string, field: string, x: Numbers): number {
  const n = x.length;
  const step = (x[n - 1]! - x[0]!) / (n - 1);
  if (step === 0) {
    throw new GridError(where, field, `starts and ends at ${x[0]}`, "distinct first and last coordinates");
  }
  for (let i = 1; i < n - 1; ++i) {
    if (Math.abs(x[i]! - (x[0]! + i * step)) > 1e-3 * Math.abs(step)) {
      throw new GridError(
        where,
        `${field}[${i}]`,
        `is ${x[i]}, off the even spacing (${x[0]! + i * step} with step ${step})`,
        "evenly spaced coordinates (as linspace gives)",
      );
    }
  }
  return step;
}

const dims = ["[N, nOut]", "[N, nOut, nIn]", "[N, nOut, nIn, nIn]"] as const;

function shapeOf(order: Order, n: number, nOut: number, nIn: number): number[] {
  return order === 0 ? [n, nOut] : order === 1 ? [n, nOut, nIn] : [n, nOut, nIn, nIn];
}

function checkSamples(where: string, name: string, samples: Samples, n: number, nOut: number, nIn: number): void {
  for (const order of [0, 1, 2] as const) {
    const array = samples[orderField[order]];
    if (array == null) continue;
    const shape = shapeOf(order, n, nOut, nIn);
    const needed = shape.reduce((a, b) => a * b, 1);
    if (typeof array.length !== "number" || array.length !== needed) {
      throw new ShapeError(where, `${name}.${orderField[order]}`, array.length, shape, dims[order]);
    }
  }
}

function checkNames(where: string, field: string, names: readonly string[] | undefined, size: number): void {
  if (names == null) return;
  if (names.length !== size) {
    throw new ShapeError(where, field, names.length, [size], field === "inputNames" ? "[nIn]" : "[nOut]");
  }
}

/**
 * Checks the parts of the data that profiles and maps share, for `n` points:
 * sizes, names, the fixed point, and the length of every array against its
 * shape. Returns `[nIn, nOut]`.
 */
export function checkFunctionData(where: string, data: FunctionData, n: number): [number, number] {
  const nIn = checkSize(where, "nIn", data.nIn);
  const nOut = checkSize(where, "nOut", data.nOut);
  checkNames(where, "inputNames", data.inputNames, nIn);
  checkNames(where, "outputNames", data.outputNames, nOut);
  if (data.fixed != null && data.fixed.length !== nIn) {
    throw new ShapeError(where, "fixed", data.fixed.length, [nIn], "[nIn]");
  }
  if (data.truth != null) checkSamples(where, "truth", data.truth, n, nOut, nIn);
  if (data.network != null) checkSamples(where, "network", data.network, n, nOut, nIn);
  return [nIn, nOut];
}

/** Returns the array of one role and order, or throws saying what needs it. */
export function requireArray(where: string, data: FunctionData, role: "truth" | "network", order: Order, reason: string): Numbers {
  const array = data[role]?.[orderField[order]];
  if (array == null) throw new MissingDataError(where, `data.${role}.${orderField[order]}`, reason);
  return array;
}
