/**
 * The entry of the Node worker thread started by `nodeWorkerEngine`: serves
 * derivative requests from the parent thread with an in-thread engine that
 * opens models from disk.
 */
import { parentPort } from "node:worker_threads";
import { inThreadEngine } from "../engine/inThreadEngine.js";
import { serveEngine } from "../engine/serveEngine.js";
import { WorkerError } from "../errors.js";
import { loadModelFromDisk } from "./loadModelFromDisk.js";

if (parentPort === null) throw new WorkerError("this module is the entry of a worker thread (nodeWorkerEngine); it was loaded in the main thread");
const port = parentPort;
serveEngine(
  {
    post: (message, transfer = []) => port.postMessage(message, transfer),
    listen(handler) {
      port.on("message", handler);
      return () => port.off("message", handler);
    },
  },
  inThreadEngine({ loadModel: loadModelFromDisk }),
);
