import { connect, filter, map, merge, type Observable, type OperatorFunction, type SchedulerLike } from "rxjs";
import type { DerivativeEngine } from "./engine/engine.js";
import { computeWith, describeWith } from "./engine/engineStreams.js";
import type { DerivativeEvent, Figured, ParamsState, PipelineEvent, Rendered } from "./events.js";
import type { FigureRenderer } from "./figures/figureSpec.js";
import { buildFigures } from "./operators/buildFigures.js";
import { checkParams } from "./operators/checkParams.js";
import { computeDerivatives } from "./operators/computeDerivatives.js";
import { measureErrors } from "./operators/measureErrors.js";
import { renderFigures } from "./operators/renderFigures.js";
import { sampleGrid } from "./operators/sampleGrid.js";
import { shareLatest } from "./operators/shareLatest.js";
import { withDerivatives } from "./operators/withDerivatives.js";
import type { Params } from "./params/params.js";

export interface PipelineOptions<R> {
  /** Where derivatives are computed: `inThreadEngine()`, `nodeWorkerEngine()`, `workerEngine(webWorkerHandle(w))`. */
  readonly engine: DerivativeEngine;
  /** Draws each figure (a DOM element in a page, SVG text in Node); without it `rendered` is empty. */
  readonly render?: FigureRenderer<R>;
  /** Where figures are drawn, one per task; default asyncScheduler. */
  readonly scheduler?: SchedulerLike;
  /** How many grids' derivatives are kept; default 4. */
  readonly cacheSize?: number;
}

/**
 * The dataflow, from a stream of parameters to a stream of events:
 *
 *     params → checkParams → sampleGrid → computeDerivatives (engine) ─┐
 *        └──────────────────────────── withDerivatives ◄──────────────┘
 *                                      → measureErrors → buildFigures → renderFigures
 *
 * - "progress" while derivatives are computed; "result" with the
 *   derivatives, error tables, figure specs and rendered figures;
 *   "error" for parameters that cannot be used (the stream goes on).
 * - Changing only what is drawn (output, error measure, eps, orders) draws
 *   again from the derivatives already computed; changing what is computed
 *   stops the computation in progress.
 * - Shared: subscribers share one computation and get the latest event.
 */
export function createPipeline<R = never>(params$: Observable<Params>, options: PipelineOptions<R>): Observable<PipelineEvent<R>> {
  const { engine, render, scheduler, cacheSize } = options;
  const drawing: OperatorFunction<Figured, Rendered<R>> = render
    ? renderFigures(render, scheduler)
    : map((figured) => ({ ...figured, rendered: [] }));
  return params$.pipe(
    checkParams(describeWith(engine)),
    connect((states$: Observable<ParamsState>) => {
      const derived$ = states$.pipe(
        sampleGrid(),
        computeDerivatives(computeWith(engine), cacheSize === undefined ? {} : { cacheSize }),
        shareLatest(),
      );
      const errors$ = merge(
        states$.pipe(
          filter((state): state is Extract<ParamsState, { ok: false }> => !state.ok),
          map((state): PipelineEvent<R> => ({ type: "error", given: state.given, error: state.error })),
        ),
        derived$.pipe(
          filter((event): event is Extract<DerivativeEvent, { type: "failed" }> => event.type === "failed"),
          map((event): PipelineEvent<R> => ({ type: "error", given: event.job.params.given, error: event.error })),
        ),
      );
      const progress$ = derived$.pipe(
        filter((event): event is Extract<DerivativeEvent, { type: "progress" }> => event.type === "progress"),
        map(({ job, stage, done, total, fraction }): PipelineEvent<R> => ({ type: "progress", params: job.params, stage, done, total, fraction })),
      );
      const results$ = states$.pipe(
        withDerivatives(derived$),
        measureErrors(),
        buildFigures(),
        drawing,
        map((rendered): PipelineEvent<R> => ({ type: "result", ...rendered })),
      );
      return merge(errors$, progress$, results$);
    }),
    shareLatest(),
  );
}
