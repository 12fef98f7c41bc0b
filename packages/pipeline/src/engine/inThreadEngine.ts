import type { GpuBackendOptions } from "@nabla/gpu";
import { CancelledError } from "../errors.js";
import { loadModelSource } from "../targets/loadModelSource.js";
import { createTargetResolver, type ModelLoader, type TargetResolver } from "../targets/resolver.js";
import { createBackends } from "./backends.js";
import { computeChunked } from "./computeChunked.js";
import { DerivativeFunctions } from "./derivativeFunctions.js";
import type { DerivativeEngine } from "./engine.js";

export interface InThreadEngineOptions {
  /** How models are opened; default `loadModelSource` (in-memory models and files; no paths). */
  readonly loadModel?: ModelLoader;
  /** Or a whole resolver (tests count what it resolves). */
  readonly resolver?: TargetResolver;
  /** The mode of the gpu backend, made on the first request for it; default the fastest available here. */
  readonly gpu?: GpuBackendOptions;
}

/**
 * An engine that computes in this thread, a chunk of points at a time,
 * letting the event loop run between chunks (so a cancellation or a UI event
 * is seen within one chunk). Simple, and the reference for the worker engine.
 * A request for the gpu backend makes it once (in this thread: in a worker,
 * the worker's), with each model's weights on it in float32.
 */
export function inThreadEngine(options: InThreadEngineOptions = {}): DerivativeEngine {
  const resolver = options.resolver ?? createTargetResolver({ loadModel: options.loadModel ?? loadModelSource });
  const backends = createBackends(options.gpu);
  const derivatives = new DerivativeFunctions();
  let closed = false;
  const open = (what: string) => {
    if (closed) throw new CancelledError(`${what}: the engine is closed`);
  };
  return {
    async describe(target, { signal } = {}) {
      open("describe");
      const info = await resolver.describe(target);
      if (signal?.aborted) throw new CancelledError(`describe ${info.title}`);
      return info;
    },
    async compute(request, options = {}) {
      open("compute");
      const on = await backends.get(request.backend ?? "cpu");
      const target = await resolver.resolve(request.target, on);
      return computeChunked(target, request, options, on, derivatives);
    },
    async close() {
      closed = true;
      await backends.dispose();
    },
  };
}
