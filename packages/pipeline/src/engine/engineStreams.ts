import { Observable } from "rxjs";
import { splitResult, type TargetDerivatives } from "../derivatives.js";
import type { DerivativeEvent } from "../events.js";
import { gridPoints } from "../grid.js";
import type { ComputeGrid } from "../operators/computeDerivatives.js";
import type { Describe } from "../operators/checkParams.js";
import { targetKey } from "../targets/keys.js";
import type { DerivativeEngine } from "./engine.js";

/** `engine.describe` as an Observable: unsubscribing aborts it. */
export function describeWith(engine: DerivativeEngine): Describe {
  return (ref) =>
    new Observable((subscriber) => {
      const controller = new AbortController();
      engine.describe(ref, { signal: controller.signal }).then(
        (info) => {
          subscriber.next(info);
          subscriber.complete();
        },
        (error: unknown) => controller.signal.aborted || subscriber.error(error),
      );
      return () => controller.abort();
    });
}

export interface ComputeWithOptions {
  /** How many targets' derivatives on a grid are kept, so that changing only the model (or only the truth) computes only it; default 8. */
  readonly cacheSize?: number;
}

/**
 * A grid's derivatives computed by `engine`: the truth's (on the CPU, in
 * float64) and the model's (on `params.backend`), requested at once, over the
 * profile's and the map's points in one request each, with progress.
 * A target already computed on the same grid is taken from a cache.
 * Unsubscribing aborts the request in progress (the engine stops at its next
 * chunk) and starts nothing more.
 */
export function computeWith(engine: DerivativeEngine, { cacheSize = 8 }: ComputeWithOptions = {}): ComputeGrid {
  const cache = new Map<string, TargetDerivatives>();
  const remember = (key: string, value: TargetDerivatives) => {
    cache.delete(key);
    cache.set(key, value);
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  };
  return (job) =>
    new Observable<DerivativeEvent>((subscriber) => {
      const controller = new AbortController();
      const { params, grid } = job;
      // The network on the backend asked for; the truth, the reference, always in float64 on the CPU.
      const stages = [
        ...(params.truth
          ? [{ stage: "truth" as const, ref: params.truth.ref, backend: "cpu" as const, outputs: params.truth.info.outputs.map((_, k) => k) }]
          : []),
        ...(params.model
          ? [
              {
                stage: "model" as const,
                ref: params.model.ref,
                backend: params.backend,
                outputs:
                  params.model.ref.kind === "model" && params.model.ref.outputs
                    ? params.model.ref.outputs
                    : params.model.info.outputs.map((_, k) => k),
              },
            ]
          : []),
      ];
      // Both requests at once: the engine has the network's while the page is still taking the truth's in.
      const fractions = stages.map(() => 0);
      const run = async () => {
        const points = gridPoints(grid);
        const done: { truth?: TargetDerivatives; model?: TargetDerivatives } = {};
        await Promise.all(
          stages.map(async ({ stage, ref, backend, outputs }, s) => {
            const key = `${targetKey(ref)}@${backend}@${params.gridKey}`;
            const cached = cache.get(key);
            if (cached) {
              remember(key, cached);
              done[stage] = cached;
              fractions[s] = 1; // counted as done in the other request's progress
              return;
            }
            const result = await engine.compute(
              { target: ref, points, order: 2, chunkSize: params.chunkSize, backend },
              {
                signal: controller.signal,
                onProgress: ({ done: d, total }) => {
                  fractions[s] = d / total;
                  const fraction = fractions.reduce((x, y) => x + y, 0) / stages.length;
                  subscriber.next({ type: "progress", job, stage, done: d, total, fraction });
                },
              },
            );
            done[stage] = splitResult(result, grid, outputs);
            remember(key, done[stage]!);
          }),
        );
        subscriber.next({ type: "ready", job, derivatives: { key: job.key, grid, ...done } });
        subscriber.complete();
      };
      run().catch((error: unknown) => {
        // One request failed: the other stops too; a failure after unsubscribing is no one's to hear.
        const unsubscribed = controller.signal.aborted;
        controller.abort();
        if (!unsubscribed) subscriber.error(error);
      });
      return () => controller.abort();
    });
}
