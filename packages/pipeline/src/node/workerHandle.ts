import type { Worker } from "node:worker_threads";
import type { WorkerHandle } from "../engine/protocol.js";
import { WorkerError } from "../errors.js";

/** The thread side of a Node worker, for `workerEngine`. */
export function nodeWorkerHandle(worker: Worker): WorkerHandle {
  let terminating = false;
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen(handler) {
      worker.on("message", handler);
      return () => worker.off("message", handler);
    },
    onFailure(handler) {
      let failed = false;
      const once = (error: Error) => {
        if (!failed) {
          failed = true;
          handler(error);
        }
      };
      worker.on("error", (error) => once(new WorkerError(`the derivative worker failed: ${error.message}`, { cause: error })));
      worker.on("exit", (code) =>
        once(new WorkerError(terminating ? "the derivative worker was closed" : `the derivative worker exited with code ${code}`)),
      );
    },
    async terminate() {
      terminating = true;
      await worker.terminate();
    },
  };
}
