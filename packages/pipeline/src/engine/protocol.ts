import type { TargetRef } from "../targets/sources.js";
import type { TargetInfo } from "../targets/target.js";
import type { ComputeProgress, ComputeRequest, ComputeResult } from "./engine.js";

/** Messages to the worker. A request's `id` is echoed by every reply to it. */
export type ToWorker =
  | { readonly type: "describe"; readonly id: number; readonly target: TargetRef }
  | { readonly type: "compute"; readonly id: number; readonly request: ComputeRequest }
  | { readonly type: "cancel"; readonly id: number };

/** An error as it crosses the thread boundary. */
export interface ErrorRecord {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** Messages from the worker. */
export type FromWorker =
  | { readonly type: "described"; readonly id: number; readonly info: TargetInfo }
  | { readonly type: "progress"; readonly id: number; readonly progress: ComputeProgress }
  | { readonly type: "result"; readonly id: number; readonly result: ComputeResult }
  | { readonly type: "failed"; readonly id: number; readonly error: ErrorRecord };

/**
 * One side of a message channel: a Web Worker or its global scope, a Node
 * Worker or its parentPort. `transfer` lists buffers moved, not copied.
 */
export interface Endpoint {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Calls `handler` with each message's data; the function returned stops listening. */
  listen(handler: (data: unknown) => void): () => void;
}

/** The thread side of a worker: an endpoint that can also fail and be ended. */
export interface WorkerHandle extends Endpoint {
  /** Calls `handler` once if the worker crashes, cannot start or exits. */
  onFailure(handler: (error: Error) => void): void;
  terminate(): Promise<void>;
}

/** The buffers of a result, to transfer rather than copy (a SharedArrayBuffer is shared, not transferred). */
export const resultBuffers = (result: ComputeResult): ArrayBuffer[] =>
  [result.value, result.jacobian, result.hessian].flatMap((a) => (a && a.buffer instanceof ArrayBuffer ? [a.buffer] : []));

export const errorRecord = (error: unknown): ErrorRecord =>
  error instanceof Error
    ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
    : { name: "Error", message: String(error) };
