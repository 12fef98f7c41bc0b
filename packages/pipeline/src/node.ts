/**
 * @nabla/pipeline/node: derivative engines on Node worker threads, and the
 * loader that opens models from disk.
 */
export { nodeWorkerEngine, workerEntry, type NodeWorkerEngineOptions } from "./node/nodeWorkerEngine.js";
export { nodeParallelEngine, type NodeParallelEngineOptions } from "./node/nodeParallelEngine.js";
export { nodeWorkerHandle } from "./node/workerHandle.js";
export { loadModelFromDisk } from "./node/loadModelFromDisk.js";
