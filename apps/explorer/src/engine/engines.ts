import { webWorkerHandle, workerEngine, type DerivativeEngine } from "@nabla/pipeline";

/** A derivative engine in its own Web Worker. */
export function startEngine(name: string): DerivativeEngine {
  const worker = new Worker(new URL("./derivatives.worker.ts", import.meta.url), { type: "module", name });
  return workerEngine(webWorkerHandle(worker));
}
