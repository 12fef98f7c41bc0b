/**
 * @nabla/pipeline/worker: the body of a browser Web Worker that computes
 * derivatives for `workerEngine`. An application's worker file is two lines:
 *
 *     import { serveWebWorker } from "@nabla/pipeline/worker";
 *     serveWebWorker();
 */
import { inThreadEngine } from "./engine/inThreadEngine.js";
import { serveEngine } from "./engine/serveEngine.js";
import type { ModelLoader } from "./targets/resolver.js";
import { workerScopeEndpoint } from "./worker/webWorker.js";

export interface ServeWebWorkerOptions {
  /** How models are opened; default: in-memory nnbma files. */
  readonly loadModel?: ModelLoader;
  /** The worker's global scope; default `self`. */
  readonly scope?: unknown;
}

/** Serves derivative requests in this worker until it is terminated. */
export function serveWebWorker(options: ServeWebWorkerOptions = {}): () => void {
  const engine = inThreadEngine(options.loadModel ? { loadModel: options.loadModel } : {});
  return serveEngine(workerScopeEndpoint(options.scope ?? globalThis), engine);
}
