import { combineLatest, distinctUntilChanged, filter, map, startWith, type Observable, type OperatorFunction } from "rxjs";
import type { Derivatives } from "../derivatives.js";
import type { Computed, DerivativeEvent, ParamsState } from "../events.js";

/**
 * Joins each usable parameter set with the derivatives of its grid, from
 * `derived$`: at once when they are there already (only the drawing
 * changed), else when they arrive. Derivatives of another grid, and states
 * that are errors, emit nothing.
 */
export function withDerivatives(derived$: Observable<DerivativeEvent>): OperatorFunction<ParamsState, Computed> {
  const ready$ = derived$.pipe(
    filter((event): event is Extract<DerivativeEvent, { type: "ready" }> => event.type === "ready"),
    map((event): Derivatives => event.derivatives),
    startWith(null),
  );
  return (states$) =>
    combineLatest([states$, ready$]).pipe(
      filter(
        (pair): pair is [Extract<ParamsState, { ok: true }>, Derivatives] =>
          pair[0].ok && pair[1] !== null && pair[1].key === pair[0].params.computeKey,
      ),
      distinctUntilChanged(([s1, d1], [s2, d2]) => s1 === s2 && d1 === d2),
      map(([state, derivatives]) => ({ params: state.params, derivatives })),
    );
}
