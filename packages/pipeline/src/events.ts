import type { Derivatives, GridJob } from "./derivatives.js";
import type { ErrorTable } from "./errorStats.js";
import type { FigureSpec } from "./figures/figureSpec.js";
import type { Params } from "./params/params.js";
import type { ResolvedParams } from "./params/resolvedParams.js";

/** Parameters after checking: usable, or the error that says why not. */
export type ParamsState =
  { readonly ok: true; readonly params: ResolvedParams } | { readonly ok: false; readonly given: Params; readonly error: Error };

/** What the computation of a grid reports. */
export type DerivativeEvent =
  | {
      readonly type: "progress";
      readonly job: GridJob;
      /** Which target is being computed. */
      readonly stage: "truth" | "model";
      /** Points done and in all, for this stage. */
      readonly done: number;
      readonly total: number;
      /** Of the whole job, from 0 to 1. */
      readonly fraction: number;
    }
  | { readonly type: "ready"; readonly job: GridJob; readonly derivatives: Derivatives }
  | { readonly type: "failed"; readonly job: GridJob; readonly error: Error };

/** Parameters joined with the derivatives of their grid. */
export interface Computed {
  readonly params: ResolvedParams;
  readonly derivatives: Derivatives;
}

/** … with the error statistics of the network against the truth (empty without both). */
export interface Measured extends Computed {
  readonly errors: readonly ErrorTable[];
}

/** … with the figures to draw. */
export interface Figured extends Measured {
  readonly figures: readonly FigureSpec[];
}

/** … and the figures drawn by the renderer. */
export interface Rendered<R> extends Figured {
  readonly rendered: readonly R[];
}

/** What the pipeline emits. */
export type PipelineEvent<R = unknown> =
  | {
      readonly type: "progress";
      readonly params: ResolvedParams;
      readonly stage: "truth" | "model";
      readonly done: number;
      readonly total: number;
      readonly fraction: number;
    }
  | ({ readonly type: "result" } & Rendered<R>)
  | { readonly type: "error"; readonly given: Params; readonly error: Error };
