import type { AnalyticFunction } from "../analyticFunction.js";
import { UnknownFunctionIdError } from "../errors.js";
import { branin } from "./branin.js";
import { fexample } from "./fexample.js";
import { gaussianBump } from "./gaussianBump.js";
import { himmelblau } from "./himmelblau.js";
import { pdrToy } from "./pdrToy.js";
import { rosenbrock } from "./rosenbrock.js";
import { trigExpLog } from "./trigExpLog.js";

/** Every catalogue entry, `fexample` first. */
export const catalogue: readonly AnalyticFunction[] = Object.freeze([fexample, rosenbrock, himmelblau, branin, gaussianBump, trigExpLog, pdrToy]);

const byId = new Map(catalogue.map((fn) => [fn.id, fn]));

/** The ids of the catalogue, in its order. */
export function functionIds(): string[] {
  return catalogue.map((fn) => fn.id);
}

/** Whether `id` names a catalogue entry. */
export function hasFunction(id: string): boolean {
  return byId.has(id);
}

/** The catalogue entry with this id; `UnknownFunctionIdError` (listing the known ids) when there is none. */
export function getFunction(id: string): AnalyticFunction {
  const fn = byId.get(id);
  if (!fn) throw new UnknownFunctionIdError(id, functionIds());
  return fn;
}
