import { map, type OperatorFunction } from "rxjs";
import { errorTables } from "../errorStats.js";
import type { Computed, Measured } from "../events.js";

/** Adds the network's error statistics against the truth (none without both), per grid, output and order. */
export function measureErrors(): OperatorFunction<Computed, Measured> {
  return map((computed: Computed) => {
    const { params, derivatives } = computed;
    return { ...computed, errors: errorTables(derivatives.truth, derivatives.model, params.inputs.length, params.eps, params.outputs) };
  });
}
