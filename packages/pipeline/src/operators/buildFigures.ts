import { map, type OperatorFunction } from "rxjs";
import type { Figured, Measured } from "../events.js";
import { figureSpecs } from "../figures/figureSpecs.js";

/** Adds the figures to draw: data and builder options, no drawing yet. */
export function buildFigures(): OperatorFunction<Measured, Figured> {
  return map((measured: Measured) => ({ ...measured, figures: figureSpecs(measured.params, measured.derivatives) }));
}
