import { formatShape, ones, type Tensor } from "@nabla/tensor";
import { TransformError } from "../errors.js";
import { argnumList, substitute, type Argnums } from "./args.js";
import { recordVjp } from "./vjp.js";

export interface GradOptions {
  /** The argument(s) to differentiate: a number gives one gradient, a list a list of them. Default 0. */
  argnums?: Argnums;
  /** f returns [scalar, aux]; the result is then [gradient, aux]. */
  hasAux?: boolean;
}

function valueAndGradImpl(name: string, f: (...args: any[]) => unknown, { argnums = 0, hasAux = false }: GradOptions, args: unknown[]) {
  const positions = argnumList(name, argnums, args);
  const { outLeaves, aux, pull } = recordVjp(
    name,
    (...xs) => f(...substitute(args, positions, xs)),
    positions.map((p) => args[p] as Tensor),
    hasAux,
  );
  const value = outLeaves[0]!;
  if (outLeaves.length !== 1 || value.size !== 1) {
    throw new TransformError(
      `${name}: the function must return one scalar, got ${outLeaves.length === 1 ? `shape ${formatShape(value.shape)}` : `${outLeaves.length} tensors`}; use jacrev for non-scalar outputs`,
    );
  }
  const grads = pull([ones(value.shape, { dtype: value.dtype, backend: value.backend })]);
  const g = typeof argnums === "number" ? grads[0]! : grads;
  return { value, g, aux };
}

/**
 * The gradient of a scalar function.
 *
 *     const df = grad((x) => sum(square(x)));   // df(x) = 2x
 */
export function grad<F extends (...args: any[]) => unknown>(f: F, options: GradOptions = {}): (...args: Parameters<F>) => any {
  return (...args: Parameters<F>) => {
    const { g, aux } = valueAndGradImpl("grad", f, options, args);
    return options.hasAux ? [g, aux] : g;
  };
}

/** [value, gradient] (and aux, with hasAux: [[value, aux], gradient]) in one pass. */
export function valueAndGrad<F extends (...args: any[]) => unknown>(f: F, options: GradOptions = {}): (...args: Parameters<F>) => any {
  return (...args: Parameters<F>) => {
    const { value, g, aux } = valueAndGradImpl("valueAndGrad", f, options, args);
    return options.hasAux ? [[value, aux], g] : [value, g];
  };
}
