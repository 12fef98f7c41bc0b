import { catchError, defer, EMPTY, of, switchMap, tap, type Observable, type OperatorFunction } from "rxjs";
import type { Derivatives, GridJob } from "../derivatives.js";
import type { DerivativeEvent } from "../events.js";

/** Computes a grid's derivatives: progress events, then one "ready". Unsubscribing must stop the work. */
export type ComputeGrid = (job: GridJob) => Observable<DerivativeEvent>;

export interface ComputeDerivativesOptions {
  /** How many grids' derivatives are kept for a return to earlier parameters; default 4. */
  readonly cacheSize?: number;
}

/**
 * Computes each job's derivatives with `compute`, switching to the newest
 * job: a new one (or `null`) unsubscribes from the computation in progress,
 * which stops it. A job computed before comes from the cache at once. A
 * failure is emitted as a "failed" event, and the next job is served.
 */
export function computeDerivatives(
  compute: ComputeGrid,
  { cacheSize = 4 }: ComputeDerivativesOptions = {},
): OperatorFunction<GridJob | null, DerivativeEvent> {
  return (source) =>
    defer(() => {
      const cache = new Map<string, Derivatives>();
      const remember = (key: string, derivatives: Derivatives) => {
        cache.delete(key);
        cache.set(key, derivatives);
        while (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      };
      return source.pipe(
        switchMap((job): Observable<DerivativeEvent> => {
          if (job === null) return EMPTY;
          const hit = cache.get(job.key);
          if (hit) {
            remember(job.key, hit);
            return of({ type: "ready", job, derivatives: hit });
          }
          return compute(job).pipe(
            tap((event) => event.type === "ready" && remember(job.key, event.derivatives)),
            catchError((error: unknown) =>
              of<DerivativeEvent>({ type: "failed", job, error: error instanceof Error ? error : new Error(String(error)) }),
            ),
          );
        }),
      );
    });
}
