/**
 * The CPU backend's buffers. Where its WebAssembly kernels have helper
 * threads, a buffer large enough for a kernel to split lies in a
 * SharedArrayBuffer, which the helpers can read and write; elsewhere it is
 * an ordinary typed array.
 */
import type { DType } from "../../primitives.js";
import { hostArrayFor, type HostArray } from "../../backend.js";
import { kernelBuffersShared } from "./wasm/helpers.js";
import { STREAM_MIN_VALUES } from "./wasm/streams.js";

/** A zero-filled buffer of `size` values of `dtype`. */
export function newBuffer(dtype: DType, size: number): HostArray {
  if (size < STREAM_MIN_VALUES || !kernelBuffersShared()) return hostArrayFor(dtype, size);
  return dtype === "float64" ? new Float64Array(new SharedArrayBuffer(size * 8)) : new Float32Array(new SharedArrayBuffer(size * 4));
}
