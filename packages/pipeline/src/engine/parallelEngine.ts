import { CancelledError, ParamsError } from "../errors.js";
import type { ComputeOptions, ComputeRequest, ComputeResult, DerivativeEngine } from "./engine.js";

export interface ParallelEngineOptions {
  /**
   * Fewest points a part gets: a request of fewer than twice as many runs on
   * one engine, where splitting would cost more than it saves. Default 64.
   */
  readonly minPointsPerPart?: number;
}

/** Where each part's points start and end, contiguous and in order. */
export function splitPoints(n: number, parts: number, minPointsPerPart: number): [number, number][] {
  const k = Math.max(1, Math.min(parts, Math.floor(n / minPointsPerPart)));
  return Array.from({ length: k }, (_, i) => [Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k)]);
}

/** The parts' results, one after the other, as one result. */
function join(parts: ComputeResult[], n: number): ComputeResult {
  const { nIn, nOut } = parts[0]!;
  const cat = (key: "value" | "jacobian" | "hessian"): Float64Array | undefined => {
    if (parts[0]![key] === undefined) return undefined;
    const all = new Float64Array(parts.reduce((acc, p) => acc + p[key]!.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p[key]!, at);
      at += p[key]!.length;
    }
    return all;
  };
  const jacobian = cat("jacobian");
  const hessian = cat("hessian");
  // Every part ran on the same kind of backend, in a worker of its own.
  return { n, nIn, nOut, value: cat("value")!, ...(jacobian ? { jacobian } : {}), ...(hessian ? { hessian } : {}), computedOn: parts[0]!.computedOn };
}

/**
 * An engine that splits the points of each request into contiguous parts, one
 * per engine of `engines` (each a worker: `nodeParallelEngine` and
 * `webParallelEngine` build them), computes the parts at once and joins the
 * results in order. Progress sums the parts'. Aborting, or any part failing,
 * aborts every part, so every worker stops at its next chunk. Describing asks
 * the first engine; closing closes them all.
 */
export function parallelEngine(engines: readonly DerivativeEngine[], { minPointsPerPart = 64 }: ParallelEngineOptions = {}): DerivativeEngine {
  if (engines.length === 0) throw new ParamsError("engines", [], "at least one engine");
  if (!Number.isInteger(minPointsPerPart) || minPointsPerPart < 1) throw new ParamsError("minPointsPerPart", minPointsPerPart, "an integer ≥ 1");
  return {
    describe: (target, options) => engines[0]!.describe(target, options),

    async compute(request: ComputeRequest, options: ComputeOptions = {}): Promise<ComputeResult> {
      const { signal, onProgress } = options;
      if (signal?.aborted) throw new CancelledError("compute");
      // The number of inputs is the target's: ask for it only when the request may be split.
      const nIn = (await engines[0]!.describe(request.target, signal ? { signal } : {})).inputs.length;
      if (request.points.length % nIn !== 0) {
        throw new ParamsError("points", `${request.points.length} numbers`, `a multiple of ${nIn}, the number of inputs`);
      }
      const n = request.points.length / nIn;
      const ranges = splitPoints(n, engines.length, minPointsPerPart);
      if (ranges.length === 1) return engines[0]!.compute(request, options);

      const controller = new AbortController();
      const abort = () => controller.abort();
      signal?.addEventListener("abort", abort, { once: true });
      const done = ranges.map(() => 0);
      try {
        const parts = await Promise.all(
          ranges.map(([start, end], i) =>
            engines[i]!.compute(
              { ...request, points: request.points.subarray(start * nIn, end * nIn) },
              {
                signal: controller.signal,
                onProgress: (progress) => {
                  done[i] = progress.done;
                  onProgress?.({ done: done.reduce((a, b) => a + b, 0), total: n });
                },
              },
            ).catch((error: unknown) => {
              abort(); // one part failed or was cancelled: stop the others
              throw error;
            }),
          ),
        );
        if (signal?.aborted) throw new CancelledError("compute");
        return join(parts, n);
      } catch (error) {
        if (signal?.aborted) throw new CancelledError("compute");
        throw error;
      } finally {
        signal?.removeEventListener("abort", abort);
      }
    },

    async close() {
      await Promise.all(engines.map((e) => e.close()));
    },
  };
}
