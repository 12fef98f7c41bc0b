/**
 * The CPU backend's buffers. Where its WebAssembly kernels have helper
 * threads, a buffer large enough for a kernel to split, but not too large,
 * lies in a SharedArrayBuffer, which the helpers can read and write;
 * elsewhere it is an ordinary typed array.
 *
 * V8 starts a collection when the memory of ArrayBuffers grows, but not for
 * SharedArrayBuffers': the buffers of dead tensors would pile up (gigabytes
 * over one Meudon-scale Hessian), in this thread and in the helpers that
 * were handed them. So every COLLECT_EVERY_BYTES of shared buffers, the
 * backend asks the helpers and this thread for a collection, through the `gc`
 * that `--expose-gc` gives a new context; where it cannot, its buffers stay
 * ordinary and its kernels run on one thread.
 */
import type { DType } from "../../primitives.js";
import { hostArrayFor, type HostArray } from "../../backend.js";
import { collectInHelpers, kernelBuffersShared } from "./wasm/helpers.js";
import { fullCollection, nodeBuiltin } from "./wasm/node.js";
import { STREAM_MIN_VALUES } from "./wasm/streams.js";

/** Shared bytes allocated between two collections: as much as a few calls of a large transform hold at once. */
export const COLLECT_EVERY_BYTES = 256 * 1024 * 1024;

/** A collection of this thread's garbage and its helpers', or null where there is none to ask for. */
function collector(): (() => void) | null {
  const v8 = nodeBuiltin("node:v8"),
    vm = nodeBuiltin("node:vm");
  const collectHere = v8 && vm ? fullCollection(v8, vm) : null;
  if (!collectHere) return null;
  return () => {
    // The helpers first: the buffers they were handed are freed when both threads have let go of them.
    collectInHelpers();
    collectHere();
  };
}

let collect: (() => void) | null | undefined;
let sharedSince = 0;

/** Whether large buffers are shared: where the kernels have helpers and collections can be asked for. Checked once. */
function shareBuffers(): boolean {
  collect ??= kernelBuffersShared() ? collector() : null;
  return collect !== null;
}

/**
 * The largest shared buffer, in values (32 MiB of float64): V8 returns
 * SharedArrayBuffers' memory late over long synchronous work (a
 * Meudon-scale Hessian's peak tripled), and where the helpers cannot reach a
 * buffer the matrix product still splits, this thread copying for them.
 */
export const SHARED_MAX_VALUES = 1 << 22;

/** A zero-filled buffer of `size` values of `dtype`, shared up to `sharedMax` values. */
export function newBuffer(dtype: DType, size: number, sharedMax = SHARED_MAX_VALUES): HostArray {
  if (size < STREAM_MIN_VALUES || size > sharedMax || !shareBuffers()) return hostArrayFor(dtype, size);
  const bytes = size * (dtype === "float64" ? 8 : 4);
  sharedSince += bytes;
  if (sharedSince > COLLECT_EVERY_BYTES) {
    sharedSince = bytes;
    collect!();
  }
  const buffer = new SharedArrayBuffer(bytes);
  return dtype === "float64" ? new Float64Array(buffer) : new Float32Array(buffer);
}
