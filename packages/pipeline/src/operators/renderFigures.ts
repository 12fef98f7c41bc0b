import { asyncScheduler, map, of, scheduled, switchMap, toArray, type OperatorFunction, type SchedulerLike } from "rxjs";
import type { Figured, Rendered } from "../events.js";
import type { FigureRenderer } from "../figures/figureSpec.js";

/**
 * Draws each figure with `render`, one figure per task of `scheduler` so the
 * event loop runs between figures, and emits them all together. Newer figures
 * cancel the drawing of older ones.
 */
export function renderFigures<R>(render: FigureRenderer<R>, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<Figured, Rendered<R>> {
  return switchMap((figured: Figured) =>
    figured.figures.length === 0
      ? of({ ...figured, rendered: [] as R[] })
      : scheduled(figured.figures, scheduler).pipe(
          map((spec) => render(spec)),
          toArray(),
          map((rendered) => ({ ...figured, rendered })),
        ),
  );
}
