import { availableParallelism } from "node:os";
import type { DerivativeEngine } from "../engine/engine.js";
import { parallelEngine, type ParallelEngineOptions } from "../engine/parallelEngine.js";
import { ParamsError } from "../errors.js";
import { nodeWorkerEngine, type NodeWorkerEngineOptions } from "./nodeWorkerEngine.js";

export interface NodeParallelEngineOptions extends NodeWorkerEngineOptions, ParallelEngineOptions {
  /** How many worker threads; default `os.availableParallelism()`, the cores this process may use. */
  readonly workers?: number;
}

/**
 * An engine that splits each request's points across `workers` Node worker
 * threads (one per core by default) and joins the results in order: the
 * batched derivatives of one grid on every core. `close()` ends the threads.
 */
export function nodeParallelEngine(options: NodeParallelEngineOptions = {}): DerivativeEngine {
  const { workers = availableParallelism(), resourceLimits, ...parallel } = options;
  if (!Number.isInteger(workers) || workers < 1) throw new ParamsError("workers", workers, "an integer ≥ 1");
  const engines = Array.from({ length: workers }, () => nodeWorkerEngine(resourceLimits ? { resourceLimits } : {}));
  return parallelEngine(engines, parallel);
}
