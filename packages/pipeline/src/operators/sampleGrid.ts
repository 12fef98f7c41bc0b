import { distinctUntilChanged, map, pipe, type OperatorFunction } from "rxjs";
import type { GridJob } from "../derivatives.js";
import type { ParamsState } from "../events.js";
import { sampleGridOf } from "../grid.js";

/**
 * The grid each usable parameter set samples, emitted only when the compute
 * key changes — a change of output, error measure or drawn orders emits
 * nothing, so nothing downstream recomputes. An unusable set emits `null`
 * (nothing to compute: the work in progress stops).
 */
export function sampleGrid(): OperatorFunction<ParamsState, GridJob | null> {
  return pipe(
    map((state: ParamsState) => (state.ok ? state.params : null)),
    distinctUntilChanged((a, b) => a?.computeKey === b?.computeKey),
    map((params) => (params ? { key: params.computeKey, params, grid: sampleGridOf(params) } : null)),
  );
}
