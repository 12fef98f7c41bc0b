import { resolveParams, type Params, type ResolvedParams, type TargetInfos } from "@nabla/pipeline";
import type { ExplorerState } from "./state.js";

/** Where the network's files are: a manifest URL for the worker's loader (see models/manifest.ts). */
export interface ModelChoice {
  readonly path: string;
}

/** The output the seed notebook draws, f₃, for Fexample and the seed network. */
export const SEED_OUTPUT = 2;

/** The output drawn when the state names none: f₃ where the seed notebook would draw it, else the first. */
function defaultOutput(state: ExplorerState): number | undefined {
  const seedTruth = state.compare !== "network" && state.truth.trim() === "fexample";
  const seedNetwork = state.compare === "network" && state.model === "seed";
  return seedTruth || seedNetwork ? SEED_OUTPUT : undefined;
}

/** The parameters a state asks for, before defaults are filled in. */
export function givenParams(state: ExplorerState, model: ModelChoice | undefined): Params {
  const truth = state.compare !== "network";
  const network = state.compare !== "truth" && model !== undefined;
  return {
    ...(truth ? { truth: state.truth, ...(state.truthInputs?.length ? { truthInputs: state.truthInputs } : {}) } : {}),
    ...(network ? { model: { kind: "path", path: model.path }, physical: state.physical } : {}),
    ...(state.ranges ? { ranges: state.ranges } : {}),
    ...(state.fixed ? { fixed: state.fixed } : {}),
    ...(state.sweep !== undefined ? { sweep: state.sweep } : {}),
    ...(state.mapInputs ? { mapInputs: state.mapInputs } : {}),
    ...((state.output ?? defaultOutput(state)) !== undefined ? { output: state.output ?? defaultOutput(state)! } : {}),
    points: state.points,
    mapPoints: state.mapPoints,
    error: state.error,
    eps: state.eps,
    backend: state.backend,
    orders: state.orders,
  };
}

/** A network alone has no sampling ranges of its own: [-1, 1] for each input until the user sets them. */
export function withDefaultRanges(params: Params, infos: TargetInfos): Params {
  if (params.ranges || params.truth !== undefined || !infos.model) return params;
  return { ...params, ranges: infos.model.inputs.map(() => [-1, 1] as const) };
}

/** The parameters checked against the truth and the model, every default filled in; or why they cannot be used. */
export type Resolved = { readonly ok: true; readonly params: ResolvedParams } | { readonly ok: false; readonly error: Error };

export function resolve(params: Params, infos: TargetInfos): Resolved {
  try {
    return { ok: true, params: resolveParams(withDefaultRanges(fitParams(params, infos), infos), infos) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The resolved parameters written out in full, so that both pipelines see the same values. */
export function explicitParams(resolved: ResolvedParams): Params {
  return {
    ...resolved.given,
    ranges: resolved.ranges,
    fixed: resolved.fixed,
    sweep: resolved.sweep,
    mapInputs: resolved.mapInputs,
    output: resolved.output,
  };
}

/** `fixed` with the swept inputs' entries set to 0: they are not used, and then do not change what is computed. */
const heldOnly = (fixed: readonly number[], swept: readonly number[]) => fixed.map((v, i) => (swept.includes(i) ? 0 : v));

/**
 * The profiles' parameters: no maps, so that profiles come at once, whatever
 * the maps cost; one chunk of work.
 */
export function profileParams(resolved: ResolvedParams): Params {
  return {
    ...explicitParams(resolved),
    fixed: heldOnly(resolved.fixed, [resolved.sweep]),
    mapInputs: null,
    mapPoints: 2,
    chunkSize: Math.max(resolved.points, 1),
  };
}

/** Points per chunk of a map: progress is reported and stale work stops between chunks. */
export const MAP_CHUNK = 1000;

/**
 * The maps' parameters, or null when there are none: the profile part of
 * this computation is the smallest possible and is not drawn.
 */
export function mapParams(resolved: ResolvedParams, maps: boolean): Params | null {
  if (!maps || !resolved.mapInputs) return null;
  const [a, b] = resolved.mapInputs;
  return {
    ...explicitParams(resolved),
    fixed: heldOnly(resolved.fixed, [a, b]),
    sweep: a,
    points: 2,
    chunkSize: MAP_CHUNK,
  };
}

/**
 * Drops what the given parameters say about inputs and outputs that the
 * truth (or the network) does not have — after an expression lost an input,
 * say — so that their defaults apply.
 */
export function fitParams(params: Params, infos: TargetInfos): Params {
  const info = infos.truth ?? infos.model;
  if (!info) return params;
  const nIn = info.inputs.length;
  const nOut = info.outputs.length;
  const copy: { -readonly [K in keyof Params]: Params[K] } = { ...params };
  if (copy.ranges && copy.ranges.length !== nIn) delete copy.ranges;
  if (copy.fixed && copy.fixed.length !== nIn) delete copy.fixed;
  if (typeof copy.sweep === "number" && copy.sweep >= nIn) delete copy.sweep;
  if (copy.mapInputs && copy.mapInputs.some((i) => typeof i === "number" && i >= nIn)) delete copy.mapInputs;
  if (typeof copy.output === "number" && copy.output >= nOut) delete copy.output;
  return copy;
}
