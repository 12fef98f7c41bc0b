import type { ErrorKind, Order } from "@nabla/plot";
import { ParamsError, TargetMismatchError } from "../errors.js";
import { targetKey } from "../targets/keys.js";
import type { TargetRef } from "../targets/sources.js";
import type { TargetInfo } from "../targets/target.js";
import { displayNames } from "../figures/displayNames.js";
import { count } from "@nabla/tensor";
import { BACKENDS, PARAM_DEFAULTS, type BackendName, type Params } from "./params.js";
import type { ResolvedParams } from "./resolvedParams.js";

/** The truth and the model to describe before the parameters can be checked (the model unrestricted). */
export interface ParamsTargets {
  readonly truth?: TargetRef;
  readonly model?: TargetRef;
}

/** What describing the targets told. */
export interface TargetInfos {
  readonly truth?: TargetInfo;
  readonly model?: TargetInfo;
}

/** The references named by the parameters; throws when there is neither a truth nor a model. */
export function paramsTargets(params: Params): ParamsTargets {
  const { truth, model } = params;
  if (truth === undefined && model === undefined) {
    throw new ParamsError("truth", undefined, "a function (catalogue id or expressions), a model, or both");
  }
  let truthRef: TargetRef | undefined;
  if (typeof truth === "string") {
    if (truth.trim() === "") throw new ParamsError("truth", truth, "a catalogue id or expressions separated by ';'");
    truthRef = { kind: "function", source: { kind: "spec", spec: truth, ...(params.truthInputs ? { inputs: params.truthInputs } : {}) } };
  } else if (truth !== undefined) {
    if (typeof truth !== "object" || typeof truth.f !== "function")
      throw new ParamsError("truth", truth, "a catalogue id, expressions, or an AnalyticFunction");
    truthRef = { kind: "function", source: { kind: "inline", fn: truth } };
  }
  const modelRef: TargetRef | undefined = model && { kind: "model", source: model, physical: params.physical ?? false };
  return { ...(truthRef ? { truth: truthRef } : {}), ...(modelRef ? { model: modelRef } : {}) };
}

const isBackend = (value: unknown): value is BackendName => (BACKENDS as readonly unknown[]).includes(value);

const isInteger = (v: unknown, min: number, max = Infinity): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/** An input or output given by index or name, as an index. */
function indexOf(param: string, value: number | string, names: readonly string[], what: string): number {
  if (typeof value === "number") {
    if (isInteger(value, 0, names.length - 1)) return value;
  } else if (typeof value === "string") {
    const found = names.indexOf(value);
    if (found >= 0) return found;
  }
  throw new ParamsError(param, value, `an ${what} index 0–${names.length - 1} or one of the names ${names.join(", ")}`);
}

function checkRanges(ranges: unknown, nIn: number, inputs: readonly string[]): [number, number][] {
  if (!Array.isArray(ranges) || ranges.length !== nIn) {
    throw new ParamsError("ranges", ranges, `${nIn} ranges [low, high], one per input (${inputs.join(", ")})`);
  }
  return ranges.map((r: unknown, i) => {
    if (!Array.isArray(r) || r.length !== 2 || !r.every(Number.isFinite) || !(r[0] < r[1])) {
      throw new ParamsError(`ranges[${i}]`, r, `[low, high] with finite low < high for input ${inputs[i]}`);
    }
    return [r[0], r[1]] as [number, number];
  });
}

/**
 * Checks the parameters against what the truth and the model are, and fills
 * in every default. Throws a `ParamsError` naming the first wrong parameter,
 * or a `TargetMismatchError` when the truth and the model disagree.
 */
export function resolveParams(params: Params, infos: TargetInfos): ResolvedParams {
  const refs = paramsTargets(params);
  const { truth, model } = infos;
  if (truth && model) {
    if (truth.inputs.length !== model.inputs.length) {
      throw new TargetMismatchError(
        `the truth ${truth.title} has ${count(truth.inputs.length, "input")} (${truth.inputs.join(", ")}) but the model ${model.title} has ${model.inputs.length} (${model.inputs.join(", ")}); they must take the same inputs`,
      );
    }
    if (truth.outputs.length !== model.outputs.length) {
      throw new TargetMismatchError(
        `the truth ${truth.title} has ${count(truth.outputs.length, "output")} but the model ${model.title} has ${model.outputs.length}; they must give the same outputs, in the same order`,
      );
    }
  }
  // Names that say something win over numbered ones (x1, y2): the model's, else the truth's.
  const named = (pick: (info: TargetInfo) => readonly string[]) =>
    (model && displayNames(pick(model))) ?? (truth && displayNames(pick(truth))) ?? pick((truth ?? model)!);
  const inputs = named((info) => info.inputs);
  const outputs = named((info) => info.outputs);
  const nIn = inputs.length;

  if (params.ranges === undefined && truth?.ranges === undefined) {
    throw new ParamsError("ranges", undefined, `one [low, high] per input (${inputs.join(", ")}): a model alone has no default ranges`);
  }
  const ranges = checkRanges(params.ranges ?? truth!.ranges, nIn, inputs);
  const fixedGiven = params.fixed ?? truth?.defaults ?? ranges.map(([a, b]) => (a + b) / 2);
  if (!Array.isArray(fixedGiven) || fixedGiven.length !== nIn || !fixedGiven.every(Number.isFinite)) {
    throw new ParamsError("fixed", params.fixed, `${nIn} finite numbers, the value of each input when it is not swept`);
  }
  const fixed = [...fixedGiven];

  const sweep = indexOf("sweep", params.sweep ?? 0, inputs, "input");
  let mapInputs: [number, number] | null = null;
  if (params.mapInputs !== null && nIn >= 2) {
    const given = params.mapInputs ?? [0, 1];
    if (!Array.isArray(given) || given.length !== 2)
      throw new ParamsError("mapInputs", given, "two inputs [horizontal, vertical], or null for no maps");
    mapInputs = [indexOf("mapInputs[0]", given[0], inputs, "input"), indexOf("mapInputs[1]", given[1], inputs, "input")];
    if (mapInputs[0] === mapInputs[1]) throw new ParamsError("mapInputs", given, "two different inputs");
  } else if (params.mapInputs !== undefined && params.mapInputs !== null) {
    throw new ParamsError("mapInputs", params.mapInputs, "null: a function of one input has no maps");
  }
  const output = indexOf("output", params.output ?? 0, outputs, "output");

  const points = params.points ?? PARAM_DEFAULTS.points;
  if (!isInteger(points, 2, 1_000_000)) throw new ParamsError("points", points, "an integer from 2 to 1000000, the points along a profile");
  const mapPoints = params.mapPoints ?? Math.min(points, 1000);
  if (!isInteger(mapPoints, 2, 1000)) throw new ParamsError("mapPoints", mapPoints, "an integer from 2 to 1000, the points per axis of a map");
  const error: ErrorKind = params.error ?? PARAM_DEFAULTS.error;
  if (error !== "relative" && error !== "absolute") throw new ParamsError("error", error, '"relative" or "absolute"');
  const eps = params.eps ?? PARAM_DEFAULTS.eps;
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps <= 0) throw new ParamsError("eps", eps, "a finite number > 0");
  const backend = params.backend ?? PARAM_DEFAULTS.backend;
  if (!isBackend(backend)) throw new ParamsError("backend", backend, `one of the available backends: ${BACKENDS.join(", ")}`);
  const orders = params.orders ?? PARAM_DEFAULTS.orders;
  if (!Array.isArray(orders) || orders.length === 0 || !orders.every((o) => o === 0 || o === 1 || o === 2)) {
    throw new ParamsError("orders", orders, "a non-empty list of 0 (values), 1 (first derivatives), 2 (second derivatives)");
  }
  const restrictAbove = params.restrictAbove ?? PARAM_DEFAULTS.restrictAbove;
  if (!isInteger(restrictAbove, 1)) throw new ParamsError("restrictAbove", restrictAbove, "an integer ≥ 1");
  const { chunkSize } = params;
  if (chunkSize !== undefined && !isInteger(chunkSize, 1)) throw new ParamsError("chunkSize", chunkSize, "an integer ≥ 1");

  const restricted = model !== undefined && model.outputs.length > restrictAbove;
  const modelRef = refs.model && (restricted ? { ...refs.model, outputs: [output] } : refs.model);
  const gridKey = JSON.stringify({ ranges, fixed, sweep, mapInputs, points, mapPoints });
  // The backend is the network's only: the truth alone is computed the same on either.
  const computeKey = JSON.stringify({
    truth: refs.truth && targetKey(refs.truth),
    model: modelRef && targetKey(modelRef),
    grid: gridKey,
    backend: modelRef && backend,
  });
  return {
    given: params,
    ...(truth && refs.truth ? { truth: { ref: refs.truth, info: truth } } : {}),
    ...(model && modelRef ? { model: { ref: modelRef, info: model } } : {}),
    inputs,
    outputs,
    ranges,
    fixed,
    sweep,
    mapInputs,
    output,
    restricted,
    points,
    mapPoints,
    error,
    eps,
    backend,
    orders: [...new Set(orders)].sort() as Order[],
    chunkSize,
    gridKey,
    computeKey,
  };
}
