import { catchError, forkJoin, map, of, switchMap, type Observable, type OperatorFunction } from "rxjs";
import type { ParamsState } from "../events.js";
import type { Params } from "../params/params.js";
import { paramsTargets, resolveParams } from "../params/resolveParams.js";
import type { TargetRef } from "../targets/sources.js";
import type { TargetInfo } from "../targets/target.js";

/** Says what a target is (loading it if needed): one value, then complete. Unsubscribing cancels. */
export type Describe = (ref: TargetRef) => Observable<TargetInfo>;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Checks each parameter set against its truth and model (described through
 * `describe`) and emits a `ParamsState`: usable, with every default filled
 * in, or the error that says why not — as a value, so the stream goes on to
 * the next parameters. A new set cancels the describing of the previous one.
 */
export function checkParams(describe: Describe): OperatorFunction<Params, ParamsState> {
  return switchMap((given: Params): Observable<ParamsState> => {
    let refs;
    try {
      refs = paramsTargets(given);
    } catch (error) {
      return of({ ok: false, given, error: asError(error) });
    }
    return forkJoin([refs.truth ? describe(refs.truth) : of(undefined), refs.model ? describe(refs.model) : of(undefined)]).pipe(
      map(([truth, model]): ParamsState => ({
        ok: true,
        params: resolveParams(given, { ...(truth ? { truth } : {}), ...(model ? { model } : {}) }),
      })),
      catchError((error: unknown) => of<ParamsState>({ ok: false, given, error: asError(error) })),
    );
  });
}
