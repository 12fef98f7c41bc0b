/**
 * Figure data from JSON (as a pipeline or a Python script writes it): a
 * profile and/or a map, each with the truth's and/or the network's values,
 * Jacobians and Hessians. The format is in the package README:
 *
 * ```json
 * {
 *   "nIn": 2, "nOut": 3, "inputNames": ["x1", "x2"], "outputNames": null,
 *   "profile": {"input": 0, "x": [...N], "fixed": [0, 1],
 *               "truth": {"value": ..., "jacobian": ..., "hessian": ...}, "network": {...}},
 *   "map": {"inputs": [0, 1], "x": [...nx], "y": [...ny], "fixed": [0, 0],
 *           "truth": {...}, "network": {...}}
 * }
 * ```
 *
 * Arrays are flat row-major numbers or rectangular nested arrays ([N][nOut][nIn]
 * for a Jacobian; a map's N points ordered x fastest, or nested [ny][nx]…).
 * `null` stands for NaN.
 */
import type { MapData, ProfileData, Samples } from "./data.js";
import { FigureDataFormatError } from "./errors.js";

/** What a JSON figure-data file holds. */
export interface FigureData {
  readonly profile?: ProfileData;
  readonly map?: MapData;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function integer(path: string, value: Json, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new FigureDataFormatError(path, `is ${JSON.stringify(value)}`, `an integer ≥ ${min}`);
  }
  return value;
}

function names(path: string, value: Json, size: number): string[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value) || value.length !== size || !value.every((v) => typeof v === "string")) {
    throw new FigureDataFormatError(path, `is ${JSON.stringify(value)?.slice(0, 80)}`, `${size} strings`);
  }
  return value as string[];
}

/** The shape of nested arrays, following first elements: [[1, 2], [3, 4]] → [2, 2]. */
function nestedShape(value: Json): number[] {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  return shape;
}

/**
 * Flattens rectangular nested arrays of numbers (null for NaN) into a
 * Float64Array of `size` numbers, row-major. Any nesting whose sizes multiply
 * to `size` is accepted: flat, [N][nOut][nIn], [ny][nx][nOut][nIn]….
 */
function numbers(path: string, value: Json, size: number, dims: string): Float64Array {
  if (!Array.isArray(value)) {
    throw new FigureDataFormatError(path, `is ${JSON.stringify(value)?.slice(0, 40)}`, `an array (${dims})`);
  }
  const shape = nestedShape(value);
  const out = new Float64Array(size);
  let count = 0;
  const visit = (v: Json, p: string, depth: number): void => {
    if (depth === shape.length) {
      if (typeof v !== "number" && v !== null) {
        throw new FigureDataFormatError(p, `is ${JSON.stringify(v)?.slice(0, 40)}`, "a number (or null for NaN)");
      }
      if (count < size) out[count] = v === null ? NaN : v;
      ++count;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new FigureDataFormatError(
        p,
        Array.isArray(v) ? `has ${v.length} entries` : `is ${JSON.stringify(v)?.slice(0, 40)}`,
        `${shape[depth]} entries, as rectangular nested arrays of shape [${shape.join(", ")}] (${dims})`,
      );
    }
    v.forEach((e, i) => visit(e, `${p}[${i}]`, depth + 1));
  };
  visit(value, path, 0);
  if (count !== size) {
    throw new FigureDataFormatError(path, `holds ${count} numbers`, `${size}, the size of ${dims}`);
  }
  return out;
}

function samples(path: string, value: Json, n: number, nOut: number, nIn: number): Samples | undefined {
  if (value == null) return undefined;
  if (!isObject(value)) {
    throw new FigureDataFormatError(path, `is ${JSON.stringify(value)?.slice(0, 40)}`, "an object with value, jacobian and/or hessian");
  }
  const out: { value?: Float64Array; jacobian?: Float64Array; hessian?: Float64Array } = {};
  if (value.value != null) out.value = numbers(`${path}.value`, value.value, n * nOut, `[${n}, ${nOut}]`);
  if (value.jacobian != null) {
    out.jacobian = numbers(`${path}.jacobian`, value.jacobian, n * nOut * nIn, `[${n}, ${nOut}, ${nIn}]`);
  }
  if (value.hessian != null) {
    out.hessian = numbers(`${path}.hessian`, value.hessian, n * nOut * nIn * nIn, `[${n}, ${nOut}, ${nIn}, ${nIn}]`);
  }
  return out;
}

function coordinates(path: string, value: Json): Float64Array {
  if (!Array.isArray(value) || value.length < 2 || !value.every((v) => typeof v === "number")) {
    const shown = JSON.stringify(value)?.slice(0, 40);
    throw new FigureDataFormatError(path, `is ${shown}`, "an array of at least 2 numbers");
  }
  return Float64Array.from(value as number[]);
}

/** Reads figure data from parsed JSON, checking every field against the format. */
export function figureDataFromJson(json: Json): FigureData {
  if (!isObject(json)) {
    throw new FigureDataFormatError("(root)", "is not an object", "an object with nIn, nOut, profile and/or map");
  }
  const nIn = integer("nIn", json.nIn, 1);
  const nOut = integer("nOut", json.nOut, 1);
  const common = {
    nIn,
    nOut,
    ...(json.inputNames == null ? {} : { inputNames: names("inputNames", json.inputNames, nIn) }),
    ...(json.outputNames == null ? {} : { outputNames: names("outputNames", json.outputNames, nOut) }),
  };
  const fixed = (path: string, value: Json) => (value == null ? {} : { fixed: numbers(path, value, nIn, `[${nIn}]`) });
  const roles = (path: string, section: Record<string, Json>, n: number) => {
    const truth = samples(`${path}.truth`, section.truth, n, nOut, nIn);
    const network = samples(`${path}.network`, section.network, n, nOut, nIn);
    return { ...(truth ? { truth } : {}), ...(network ? { network } : {}) };
  };
  const out: { profile?: ProfileData; map?: MapData } = {};
  if (json.profile != null) {
    const p = json.profile;
    if (!isObject(p)) throw new FigureDataFormatError("profile", "is not an object", "an object with input and x");
    const input = integer("profile.input", p.input, 0);
    if (input >= nIn) {
      throw new FigureDataFormatError("profile.input", `is ${input}`, `an input index below nIn = ${nIn}`);
    }
    const x = coordinates("profile.x", p.x);
    out.profile = { ...common, input, x, ...fixed("profile.fixed", p.fixed), ...roles("profile", p, x.length) };
  }
  if (json.map != null) {
    const m = json.map;
    if (!isObject(m)) throw new FigureDataFormatError("map", "is not an object", "an object with inputs, x and y");
    if (!Array.isArray(m.inputs) || m.inputs.length !== 2) {
      throw new FigureDataFormatError("map.inputs", `is ${JSON.stringify(m.inputs)}`, "two input indices");
    }
    const inputs = [integer("map.inputs[0]", m.inputs[0], 0), integer("map.inputs[1]", m.inputs[1], 0)] as const;
    for (const [i, v] of inputs.entries()) {
      if (v >= nIn) throw new FigureDataFormatError(`map.inputs[${i}]`, `is ${v}`, `an input index below nIn = ${nIn}`);
    }
    const x = coordinates("map.x", m.x);
    const y = coordinates("map.y", m.y);
    out.map = { ...common, inputs, x, y, ...fixed("map.fixed", m.fixed), ...roles("map", m, x.length * y.length) };
  }
  if (out.profile == null && out.map == null) {
    throw new FigureDataFormatError("(root)", "has neither profile nor map", "at least one of them");
  }
  return out;
}
