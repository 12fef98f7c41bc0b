import type { DerivativeEngine } from "../engine/engine.js";
import { parallelEngine, type ParallelEngineOptions } from "../engine/parallelEngine.js";
import { workerEngine } from "../engine/workerEngine.js";
import { ParamsError } from "../errors.js";
import { webWorkerHandle } from "./webWorker.js";

export interface WebParallelEngineOptions extends ParallelEngineOptions {
  /** How many Web Workers; default `navigator.hardwareConcurrency` (2 where the browser does not say). */
  readonly workers?: number;
}

/** The browser's count of logical cores, or 2 where it does not say. */
function hardwareConcurrency(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof cores === "number" && cores >= 1 ? cores : 2;
}

/**
 * An engine that splits each request's points across Web Workers, each
 * running `serveWebWorker`, and joins the results in order:
 *
 *     const engine = webParallelEngine(() => new Worker(new URL("./derivatives.worker.js", import.meta.url), { type: "module" }));
 */
export function webParallelEngine(createWorker: () => Worker, options: WebParallelEngineOptions = {}): DerivativeEngine {
  const { workers = hardwareConcurrency(), ...parallel } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new ParamsError("workers", workers, "an integer ≥ 1");
  return parallelEngine(
    Array.from({ length: workers }, () => workerEngine(webWorkerHandle(createWorker()))),
    parallel,
  );
}
