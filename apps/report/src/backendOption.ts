// The parameters' module alone: the pipeline's index loads the whole dataflow (a second).
import { BACKENDS, type BackendName } from "@nabla/pipeline/params";
import { UsageError } from "./errors.js";

/** The value of --backend: cpu or gpu (undefined when not given). */
export function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined || (BACKENDS as readonly string[]).includes(value)) return value as BackendName | undefined;
  throw new UsageError(`--backend must be ${BACKENDS.join(" or ")}, got "${value}"`);
}
