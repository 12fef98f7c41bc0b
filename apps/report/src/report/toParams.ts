import { modelAt, type Params } from "@nabla/pipeline";
import type { ReportConfig } from "./config.js";

/** The pipeline's parameters for a report configuration (model paths already resolved). */
export function toParams(config: ReportConfig): Params {
  const params: { -readonly [K in keyof Params]: Params[K] } = {};
  if (config.function) params.truth = config.function;
  if (config.inputs) params.truthInputs = config.inputs;
  if (config.model) params.model = modelAt(config.model);
  const copied = ["physical", "output", "sweep", "mapInputs", "ranges", "fixed", "points", "mapPoints", "error", "eps", "orders", "backend"] as const;
  for (const key of copied) if (config[key] !== undefined) (params as Record<string, unknown>)[key] = config[key];
  return params;
}
