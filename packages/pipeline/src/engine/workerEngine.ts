import { CancelledError, RemoteError, UnsupportedSourceError, WorkerError } from "../errors.js";
import { isTransferableRef, type TargetRef } from "../targets/sources.js";
import type { ComputeOptions, ComputeProgress, ComputeRequest, ComputeResult, DerivativeEngine } from "./engine.js";
import type { FromWorker, ToWorker, WorkerHandle } from "./protocol.js";

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: ComputeProgress) => void;
}

function checkRef(target: TargetRef): void {
  if (!isTransferableRef(target)) {
    throw new UnsupportedSourceError(
      `a ${target.kind} object cannot be sent to a worker; give the model's path or files, or the function's id or expressions (or use inThreadEngine)`,
    );
  }
}

/**
 * An engine whose work runs in a worker (`nodeWorkerEngine` from
 * "@nabla/pipeline/node", or `webWorkerHandle` around a Web Worker running
 * `serveWebWorker`). Points are copied once and transferred; results come back
 * transferred. Aborting a computation rejects it at once and tells the worker
 * to stop at its next chunk.
 */
export function workerEngine(handle: WorkerHandle): DerivativeEngine {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | undefined;

  const stop = handle.listen((data) => {
    const message = data as FromWorker;
    const entry = pending.get(message.id);
    if (entry === undefined) return; // cancelled already
    switch (message.type) {
      case "progress":
        entry.onProgress?.(message.progress);
        return;
      case "described":
        pending.delete(message.id);
        entry.resolve(message.info);
        return;
      case "result":
        pending.delete(message.id);
        entry.resolve(message.result);
        return;
      case "failed":
        pending.delete(message.id);
        entry.reject(new RemoteError(message.error.name, message.error.message, message.error.stack));
        return;
    }
  });

  const failAll = (error: Error) => {
    failure ??= error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  handle.onFailure(failAll);

  function send<T>(message: ToWorker, transfer: ArrayBuffer[], signal?: AbortSignal, onProgress?: (p: ComputeProgress) => void): Promise<T> {
    if (failure) return Promise.reject(failure);
    if (signal?.aborted) return Promise.reject(new CancelledError(message.type));
    return new Promise<T>((resolve, reject) => {
      const id = message.id;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      signal?.addEventListener(
        "abort",
        () => {
          if (!pending.delete(id)) return;
          handle.post({ type: "cancel", id } satisfies ToWorker);
          reject(new CancelledError(message.type));
        },
        { once: true },
      );
      handle.post(message, transfer);
    });
  }

  return {
    async describe(target, { signal } = {}) {
      checkRef(target);
      return send({ type: "describe", id: nextId++, target }, [], signal);
    },
    async compute(request: ComputeRequest, options: ComputeOptions = {}): Promise<ComputeResult> {
      checkRef(request.target);
      const points = request.points.slice(); // the caller keeps its array; the copy moves
      return send<ComputeResult>(
        { type: "compute", id: nextId++, request: { ...request, points } },
        [points.buffer],
        options.signal,
        options.onProgress,
      );
    },
    async close() {
      stop();
      failAll(new WorkerError("the engine was closed"));
      await handle.terminate();
    },
  };
}
