import { resolveFunction, type AnalyticFunction } from "@nabla/functions";
import type { LoadOptions } from "@nabla/models";
import type { Model } from "../model.js";
import { functionSourceKey, modelSourceKey } from "./keys.js";
import type { FunctionSource, ModelSource, TargetRef } from "./sources.js";
import type { Target, TargetInfo } from "./target.js";

/**
 * Opens a model from its source, its weights made as `options` say (the
 * backend and dtype; none: the CPU backend in float64); rejects with an error
 * naming the source when it cannot.
 */
export type ModelLoader = (source: ModelSource, options: LoadOptions) => Promise<Model>;

/** Where a target's model is made: a name for the cache, and the loader's options. */
export interface ModelPlacement {
  readonly name: string;
  readonly loadOptions: LoadOptions;
}

/** The CPU backend in float64: where models are described, and computed unless asked otherwise. */
const onCpu: ModelPlacement = { name: "cpu", loadOptions: {} };

/** Turns references into targets, loading each function once, and each model once per placement. */
export interface TargetResolver {
  /** The target, its model's weights made as `on` says (default: the CPU backend, float64); functions run on any backend. */
  resolve(ref: TargetRef, on?: ModelPlacement): Promise<Target>;
  describe(ref: TargetRef): Promise<TargetInfo>;
}

export interface TargetResolverOptions {
  /** How models are opened (see `loadModelSource`, and `loadModelFromDisk` in "@nabla/pipeline/node"). */
  readonly loadModel: ModelLoader;
}

function functionInfo(fn: AnalyticFunction): TargetInfo {
  return { kind: "function", title: fn.title, inputs: fn.inputs, outputs: fn.outputs, latex: fn.latex, ranges: fn.ranges, defaults: fn.defaults };
}

function modelTitle(source: ModelSource): string {
  if (source.kind === "inline") return source.title ?? "model";
  const where = source.kind === "path" ? source.path : source.location;
  return (
    where
      .replace(/[\\/]+$/, "")
      .split(/[\\/]/)
      .pop() || where
  );
}

function modelInfo(model: Model, source: ModelSource): TargetInfo {
  return { kind: "model", title: modelTitle(source), inputs: model.inputs, outputs: model.outputs, format: model.format, summary: model.summary() };
}

/**
 * A resolver that keeps what it opened (by source key) for the next request,
 * and gives the same target for the same reference and placement, so that
 * what is made for a target (its jitted derivatives) serves the next request.
 */
export function createTargetResolver({ loadModel }: TargetResolverOptions): TargetResolver {
  const functions = new Map<string, AnalyticFunction>();
  const models = new Map<string, Promise<Model>>();
  const restricted = new Map<string, Model>();
  // By the function or model computed, then by whether on physical inputs.
  const targets = new WeakMap<AnalyticFunction | Model, Map<string, Target>>();
  const targetOf = (of: AnalyticFunction | Model, variant: string, make: () => Target): Target => {
    let byVariant = targets.get(of);
    if (!byVariant) targets.set(of, (byVariant = new Map()));
    let target = byVariant.get(variant);
    if (!target) byVariant.set(variant, (target = make()));
    return target;
  };

  const openFunction = (source: FunctionSource): AnalyticFunction => {
    if (source.kind === "inline") return source.fn;
    const key = functionSourceKey(source);
    let fn = functions.get(key);
    if (fn === undefined) {
      fn = resolveFunction(source.spec, source.inputs ? { inputs: [...source.inputs] } : {});
      functions.set(key, fn);
    }
    return fn;
  };

  const openModel = (source: ModelSource, on: ModelPlacement): Promise<Model> => {
    const key = `${modelSourceKey(source)}@${on.name}`;
    let model = models.get(key);
    if (model === undefined) {
      model = loadModel(source, on.loadOptions);
      models.set(key, model);
      // A failed load is not kept: the next request tries again.
      model.catch(() => models.delete(key));
    }
    return model;
  };

  return {
    async describe(ref) {
      if (ref.kind === "function") return functionInfo(openFunction(ref.source));
      return modelInfo(await openModel(ref.source, onCpu), ref.source);
    },
    async resolve(ref, on = onCpu) {
      if (ref.kind === "function") {
        const fn = openFunction(ref.source);
        return targetOf(fn, "", () => ({ info: functionInfo(fn), nOut: fn.outputs.length, f: fn.f }));
      }
      const full = await openModel(ref.source, on);
      let model = full;
      if (ref.outputs !== undefined) {
        const key = `${modelSourceKey(ref.source)}@${on.name}|${ref.outputs.join(",")}`;
        model = restricted.get(key) ?? full.restrict([...ref.outputs]);
        restricted.set(key, model);
      }
      return targetOf(model, ref.physical ? "physical" : "", () => ({
        info: modelInfo(full, ref.source),
        nOut: ref.outputs?.length ?? full.outputs.length,
        f: ref.physical ? (x) => model.physical(x) : (x) => model.forward(x),
      }));
    },
  };
}
