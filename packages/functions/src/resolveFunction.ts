import type { AnalyticFunction } from "./analyticFunction.js";
import { getFunction, hasFunction } from "./catalogue/registry.js";
import { InputsError } from "./errors.js";
import { compileExpressions, type ExpressionOptions } from "./expressions/compileExpressions.js";

/**
 * What a user names a function by: a catalogue id ("fexample"), or else
 * expressions ("x1 + 2*x2; x1^2"). Input names in `options` apply to
 * expressions; with an id they must be the entry's own.
 */
export function resolveFunction(spec: string, options: ExpressionOptions = {}): AnalyticFunction {
  const id = spec.trim();
  if (!hasFunction(id)) return compileExpressions(spec, options);
  const fn = getFunction(id);
  if (options.inputs && options.inputs.join(",") !== fn.inputs.join(",")) {
    throw new InputsError(
      `"${id}" is a catalogue function of inputs ${fn.inputs.join(", ")}, but the inputs given are ${options.inputs.join(", ")}; give no input names, or those`,
    );
  }
  return fn;
}
