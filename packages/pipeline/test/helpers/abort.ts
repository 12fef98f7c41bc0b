import type { ComputeRequest, DerivativeEngine } from "../../src/engine/engine.js";

/**
 * Runs a request and aborts it once `chunks` chunks have reported progress;
 * resolves with what the computation rejected with (null if it did not), and
 * the number of chunks seen.
 */
export async function abortAfterChunks(engine: DerivativeEngine, request: ComputeRequest, chunks: number): Promise<{ error: unknown; seen: number }> {
  const controller = new AbortController();
  let seen = 0;
  const error = await engine
    .compute(request, {
      signal: controller.signal,
      onProgress: () => {
        if (++seen === chunks) controller.abort();
      },
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
  return { error, seen };
}
