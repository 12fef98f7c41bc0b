import { tensor } from "@nabla/tensor";
import { CancelledError, ParamsError } from "../errors.js";
import type { Target } from "../targets/target.js";
import { cpuCompute, type ComputeBackend } from "./backends.js";
import { DerivativeFunctions } from "./derivativeFunctions.js";
import type { ComputeOptions, ComputeRequest, ComputeResult } from "./engine.js";
import { yieldNow } from "./yieldNow.js";

/** Points of the first chunk unless the request gives a chunk size. */
export const DEFAULT_CHUNK_SIZE = 256;
/**
 * Without a chunk size from the request, chunks grow (up to four times a
 * chunk) while one takes less than this, so that progress and cancellation
 * still come about this often but a large request is not cut into hundreds
 * of small calls, each with its own overhead, and each too small for the
 * kernels' threads.
 */
export const CHUNK_TARGET_MS = 25;

/**
 * Adaptive chunks have a multiple of this many points (unless fewer): the
 * derivative functions are jitted, one program per chunk size, so sizes that
 * come back are recorded once.
 */
export const CHUNK_QUANTUM = 64;

/** The next chunk's points: the last one's, scaled toward CHUNK_TARGET_MS, between half and four times it, in whole quanta. */
function nextChunk(points: number, ms: number): number {
  const scaled = ms > 0 ? (points * CHUNK_TARGET_MS) / ms : 4 * points;
  const size = Math.max(1, Math.round(Math.min(4 * points, Math.max(points / 2, scaled))));
  return size < CHUNK_QUANTUM ? size : Math.round(size / CHUNK_QUANTUM) * CHUNK_QUANTUM;
}

/**
 * Value, Jacobian and Hessian of `target` at the request's points, a chunk of
 * points at a time, on `on` (the points are made there; the target's model
 * must live there too): chunks of the request's `chunkSize`, or, without one,
 * of DEFAULT_CHUNK_SIZE points first and then as many as take about
 * CHUNK_TARGET_MS. Between chunks it reports progress, lets the event loop
 * run, and stops with a `CancelledError` when the signal is aborted — so no
 * more than one chunk is computed after a cancellation. The results are
 * float64 whatever the backend's precision. The derivative functions come
 * from `derivatives` (the engine's, kept between requests).
 */
export async function computeChunked(
  target: Target,
  request: ComputeRequest,
  options: ComputeOptions = {},
  on: ComputeBackend = cpuCompute,
  derivatives: DerivativeFunctions = new DerivativeFunctions(),
): Promise<ComputeResult> {
  const { points, order = 2, chunkSize } = request;
  const { signal, onProgress } = options;
  const what = `derivatives of ${target.info.title}`;
  const nIn = target.info.inputs.length;
  const nOut = target.nOut;
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1)) throw new ParamsError("chunkSize", chunkSize, "an integer ≥ 1");
  if (points.length % nIn !== 0) {
    throw new ParamsError("points", `${points.length} numbers`, `a multiple of ${nIn}, the number of inputs of ${target.info.title}`);
  }
  const n = points.length / nIn;
  const value = new Float64Array(n * nOut);
  const jacobian = order >= 1 ? new Float64Array(n * nOut * nIn) : undefined;
  const hess = order >= 2 ? new Float64Array(n * nOut * nIn * nIn) : undefined;

  const at = derivatives.of(target, order, on);

  for (let start = 0, size = chunkSize ?? DEFAULT_CHUNK_SIZE; start < n;) {
    if (signal?.aborted) throw new CancelledError(what);
    const began = performance.now();
    const end = Math.min(n, start + size);
    const X = tensor(points.subarray(start * nIn, end * nIn), [end - start, nIn], { backend: on.backend, dtype: on.dtype });
    const { value: v, jacobian: j, hessian: h } = at(X);
    // Read together: on WebGPU each read waits for the device, so they overlap.
    const [vs, js, hs] = await Promise.all([v, j, h].map((t) => t && on.read(t)));
    value.set(vs!, start * nOut);
    if (js) jacobian!.set(js, start * nOut * nIn);
    if (hs) hess!.set(hs, start * nOut * nIn * nIn);
    if (chunkSize === undefined) size = nextChunk(end - start, performance.now() - began);
    start = end;
    onProgress?.({ done: end, total: n });
    await yieldNow();
  }
  if (signal?.aborted) throw new CancelledError(what);
  return { n, nIn, nOut, value, ...(jacobian ? { jacobian } : {}), ...(hess ? { hessian: hess } : {}), computedOn: on.computedOn };
}
