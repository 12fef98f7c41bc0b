import type { Endpoint, WorkerHandle } from "../engine/protocol.js";
import { WorkerError } from "../errors.js";

/** What a Web Worker and a worker's global scope share: messages both ways. */
interface MessageTarget {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

function endpointOf(target: MessageTarget): Endpoint {
  return {
    post: (message, transfer = []) => target.postMessage(message, transfer),
    listen(handler) {
      const listener = (event: MessageEvent) => handler(event.data);
      target.addEventListener("message", listener);
      return () => target.removeEventListener("message", listener);
    },
  };
}

/**
 * The page side of a Web Worker that runs `serveWebWorker`, for `workerEngine`:
 *
 *     const worker = new Worker(new URL("./derivatives.worker.js", import.meta.url), { type: "module" });
 *     const engine = workerEngine(webWorkerHandle(worker));
 */
export function webWorkerHandle(worker: Worker): WorkerHandle {
  return {
    ...endpointOf(worker as unknown as MessageTarget),
    onFailure(handler) {
      worker.addEventListener("error", (event) => handler(new WorkerError(`the worker failed: ${event.message || "it could not start or threw"}`)), {
        once: true,
      });
    },
    async terminate() {
      worker.terminate();
    },
  };
}

/** The worker side, over the worker's global scope (`self`). */
export const workerScopeEndpoint = (scope: unknown): Endpoint => endpointOf(scope as MessageTarget);
