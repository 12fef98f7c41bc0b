import type { ComputeOptions, ComputeRequest, ComputeResult, DerivativeEngine } from "@nabla/pipeline";

/** `arrays` end to end. */
function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/**
 * One engine made of several (each in its own worker): a request's points
 * are cut into as many contiguous parts, computed at the same time, and the
 * results put back in order. Progress is the sum of the parts'; aborting
 * aborts them all. Points are independent, so the result is the one a single
 * engine gives.
 */
export function splitEngine(engines: readonly DerivativeEngine[]): DerivativeEngine {
  const [first] = engines;
  if (!first) throw new RangeError("splitEngine: expected at least one engine");
  return {
    describe: (target, options) => first.describe(target, options),
    async compute(request: ComputeRequest, options: ComputeOptions = {}): Promise<ComputeResult> {
      const { signal, onProgress } = options;
      const width = (await first.describe(request.target, signal ? { signal } : {})).inputs.length;
      const n = request.points.length / width;
      // Parts of fewer than 64 points are not worth a message each.
      const parts = Number.isInteger(n) ? Math.min(engines.length, Math.floor(n / 64)) : 1;
      if (parts <= 1) return first.compute(request, options);
      // One part failing stops the others.
      const controller = new AbortController();
      const stop = () => controller.abort();
      signal?.addEventListener("abort", stop, { once: true });
      const done = new Array<number>(parts).fill(0);
      try {
        const results = await Promise.all(
          engines.slice(0, parts).map((engine, i) => {
            const from = Math.floor((n * i) / parts);
            const to = Math.floor((n * (i + 1)) / parts);
            const part = { ...request, points: request.points.subarray(from * width, to * width) };
            const progress = ({ done: d }: { done: number }) => {
              done[i] = d;
              onProgress?.({ done: done.reduce((a, b) => a + b, 0), total: n });
            };
            return engine.compute(part, { signal: controller.signal, onProgress: progress }).catch((error: unknown) => {
              stop();
              throw error;
            });
          }),
        );
        const joined = (key: "value" | "jacobian" | "hessian") => {
          const arrays = results.map((r) => r[key]);
          return arrays.every((a): a is Float64Array => a !== undefined) ? concat(arrays) : undefined;
        };
        const jacobian = joined("jacobian");
        const hessian = joined("hessian");
        return {
          n,
          nIn: results[0]!.nIn,
          nOut: results[0]!.nOut,
          value: joined("value")!,
          ...(jacobian ? { jacobian } : {}),
          ...(hessian ? { hessian } : {}),
        };
      } finally {
        signal?.removeEventListener("abort", stop);
      }
    },
    async close() {
      await Promise.all(engines.map((e) => e.close()));
    },
  };
}
