/**
 * Options transforms that choose what a figure draws. Each returns new
 * options and leaves its argument untouched, so they nest inside a builder
 * call: `jacobianMaps(data, relativeError(1e-2, {output: 2}))`.
 */
import type { FigureOptions } from "../figureOptions.js";

/** Draw the truth f. */
export function truth<T extends FigureOptions>(options: T = {} as T): T & { role: "truth" } {
  return { ...options, role: "truth" };
}

/** Draw the network f̂ (over the truth, dashed gray, on profiles). */
export function network<T extends FigureOptions>(options: T = {} as T): T & { role: "network" } {
  return { ...options, role: "network" };
}

/** Draw the relative error (f̂ − f)/(|f| + eps). */
export function relativeError<T extends FigureOptions>(eps: number, options: T = {} as T): T & { role: "error"; error: "relative"; eps: number } {
  return { ...options, role: "error", error: "relative", eps };
}

/** Draw the absolute error f̂ − f. */
export function absoluteError<T extends FigureOptions>(options: T = {} as T): T & { role: "error"; error: "absolute" } {
  return { ...options, role: "error", error: "absolute" };
}
