import { sizeOf, type Tensor } from "@nabla/tensor";
import { flatten, type Tree } from "../core/tree.js";
import { secondOrder } from "./secondOrder.js";
import { TransformError } from "../errors.js";
import { argnumList, substitute, type Argnums } from "./args.js";
import { evalShape } from "./evalShape.js";
import { jacfwd } from "./jacfwd.js";
import { jacrev } from "./jacrev.js";

export type HessianMethod = "auto" | "taylor" | "fwdfwd" | "fwdrev" | "revrev";

export interface HessianOptions {
  argnums?: Argnums;
  /**
   * How: second-order Taylor mode (one forward pass of value, gradient and the
   * distinct second derivatives), forward-over-forward, forward-over-reverse,
   * reverse-over-reverse, or the cheapest for the sizes. Default "auto".
   */
  method?: HessianMethod;
  chunkSize?: number;
}

/**
 * The cheapest method, counting passes of f's cost per point: Taylor mode
 * pushes 1 + n + n(n+1)/2 coefficients (fewer than forward-over-forward's
 * (1 + n)² always); forward-over-reverse pushes 1 + n through a reverse pass
 * of about 1 + 2m; reverse-over-reverse is never cheaper for one point.
 */
export function chooseHessianMethod(inputs: number, outputs: number): "taylor" | "fwdrev" {
  return 1 + inputs + (inputs * (inputs + 1)) / 2 <= (1 + inputs) * (1 + 2 * outputs) ? "taylor" : "fwdrev";
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
    taylor: () => {
      if (typeof argnums !== "number") throw new TransformError('hessian: method "taylor" differentiates one argument; give argnums as a number');
      const so = secondOrder(f as (...args: any[]) => Tree, { argnums });
      return (...args: unknown[]) => so(...args).hessian;
    },
    fwdfwd: () => jacfwd(jacfwd(f, opts), opts),
    fwdrev: () => jacfwd(jacrev(f, opts), opts),
    revrev: () => jacrev(jacrev(f, opts), opts),
  };
  const compose = (m: Exclude<HessianMethod, "auto">) => compositions[m]();
  if (method !== "auto") {
    if (!(method in compositions))
      throw new TransformError(`hessian: unknown method "${method}"; expected "auto", "taylor", "fwdfwd", "fwdrev" or "revrev"`);
    return compose(method);
  }
  return (...args: Parameters<F>) => {
    const positions = argnumList("hessian", argnums, args);
    const n = positions.reduce((acc, p) => acc + (args[p] as Tensor).size, 0);
    const shapes = flatten(evalShape((...xs: Tensor[]) => f(...substitute(args, positions, xs)) as any, ...positions.map((p) => args[p]))).leaves;
    const m = shapes.reduce((acc, t) => acc + sizeOf(t.shape), 0);
    // Taylor mode differentiates one argument at a time.
    const choice = typeof argnums === "number" ? chooseHessianMethod(n, m) : "fwdrev";
    return compose(choice)(...args);
  };
}
