import { sizeOf, type Tensor } from "@nabla/tensor";
import { flatten } from "../core/tree.js";
import { TransformError } from "../errors.js";
import { argnumList, substitute, type Argnums } from "./args.js";
import { evalShape } from "./evalShape.js";
import { jacfwd } from "./jacfwd.js";
import { jacrev } from "./jacrev.js";

export type HessianMethod = "auto" | "fwdfwd" | "fwdrev" | "revrev";

export interface HessianOptions {
  argnums?: Argnums;
  /** Which composition: forward-over-forward, forward-over-reverse, reverse-over-reverse, or the cheapest for the sizes. Default "auto". */
  method?: HessianMethod;
  chunkSize?: number;
}

/**
 * The cheapest composition, counting passes of f's cost per point: fwdfwd pushes
 * (1 + n)² tangent combinations; fwdrev pushes 1 + n through a reverse pass of
 * about 1 + 2m; revrev is never cheaper for one point.
 */
export function chooseHessianMethod(inputs: number, outputs: number): Exclude<HessianMethod, "auto"> {
  return (1 + inputs) ** 2 <= (1 + inputs) * (1 + 2 * outputs) ? "fwdfwd" : "fwdrev";
}

/**
 * Second derivatives: for f: [...in] → [...out], shape [...out, ...in, ...in].
 *
 *     const H = vmap(hessian(f))(points);   // [N, m, n, n]
 */
export function hessian<F extends (...args: any[]) => unknown>(f: F, options: HessianOptions = {}): (...args: Parameters<F>) => any {
  const { argnums = 0, method = "auto", chunkSize } = options;
  const opts = { argnums, chunkSize };
  const compositions = {
    fwdfwd: () => jacfwd(jacfwd(f, opts), opts),
    fwdrev: () => jacfwd(jacrev(f, opts), opts),
    revrev: () => jacrev(jacrev(f, opts), opts),
  };
  const compose = (m: Exclude<HessianMethod, "auto">) => compositions[m]();
  if (method !== "auto") {
    if (!(method in compositions)) throw new TransformError(`hessian: unknown method "${method}"; expected "auto", "fwdfwd", "fwdrev" or "revrev"`);
    return compose(method);
  }
  return (...args: Parameters<F>) => {
    const positions = argnumList("hessian", argnums, args);
    const n = positions.reduce((acc, p) => acc + (args[p] as Tensor).size, 0);
    const shapes = flatten(evalShape((...xs: Tensor[]) => f(...substitute(args, positions, xs)) as any, ...positions.map((p) => args[p]))).leaves;
    const m = shapes.reduce((acc, t) => acc + sizeOf(t.shape), 0);
    return compose(chooseHessianMethod(n, m))(...args);
  };
}
