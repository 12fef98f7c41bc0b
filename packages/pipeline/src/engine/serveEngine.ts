import type { DerivativeEngine } from "./engine.js";
import { errorRecord, resultBuffers, type Endpoint, type FromWorker, type ToWorker } from "./protocol.js";

/**
 * The worker side: answers describe and compute requests arriving on
 * `endpoint` with `engine` (an in-thread engine inside the worker), posts
 * progress, transfers the result arrays, and aborts a computation when its
 * "cancel" arrives (between two chunks). Returns a function that stops serving.
 */
export function serveEngine(endpoint: Endpoint, engine: DerivativeEngine): () => void {
  const running = new Map<number, AbortController>();
  const reply = (message: FromWorker, transfer?: ArrayBuffer[]) => endpoint.post(message, transfer);
  const fail = (id: number) => (error: unknown) => reply({ type: "failed", id, error: errorRecord(error) });

  return endpoint.listen((data) => {
    const message = data as ToWorker;
    switch (message.type) {
      case "describe":
        engine.describe(message.target).then((info) => reply({ type: "described", id: message.id, info }), fail(message.id));
        break;
      case "compute": {
        const controller = new AbortController();
        running.set(message.id, controller);
        engine
          .compute(message.request, { signal: controller.signal, onProgress: (progress) => reply({ type: "progress", id: message.id, progress }) })
          .then((result) => reply({ type: "result", id: message.id, result }, resultBuffers(result)), fail(message.id))
          .finally(() => running.delete(message.id));
        break;
      }
      case "cancel":
        running.get(message.id)?.abort();
        break;
    }
  });
}
