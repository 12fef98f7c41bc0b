import { sizeOf, type Tensor } from "@nabla/tensor";
import { flatten, type Tree } from "../core/tree.js";
import type { Work } from "../interpreters/shape.js";
import { secondOrder } from "./secondOrder.js";
import { TransformError } from "../errors.js";
import { argnumList, substitute, type Argnums } from "./args.js";
import { traceShapes } from "./evalShape.js";
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
 * Per value written by a primitive other than a matrix product, about what
 * each method pays, in flops of a matrix product (measured on the CPU
 * backend: Taylor mode's elementwise rules are one fused pass, the
 * forward-over-reverse ones several; GELU networks 100 and 900 wide).
 */
const ELEMENTWISE_FLOPS = { taylor: 34, fwdrev: 112 } as const;

/**
 * The cheaper method for n inputs and m outputs. Taylor mode pushes 1 + n +
 * n(n+1)/2 coefficients through f (fewer than forward-over-forward's (1 + n)²
 * always); forward-over-reverse pushes 1 + n tangents through a forward pass
 * and, for each of the m outputs, a reverse pass, (1 + n)(1 + m) in all.
 * Each pass costs f's matrix products plus its other values at the method's
 * price: with `work` (`countWork` of f on one point) the comparison knows
 * whether f is mostly products (wide layers, where forward-over-reverse's
 * fewer passes win) or mostly elementwise work. Without it, f counts as
 * elementwise work only. Reverse-over-reverse is never cheaper for one point.
 */
export function chooseHessianMethod(inputs: number, outputs: number, work: Work = { matmulFlops: 0, values: 1 }): "taylor" | "fwdrev" {
  const pass = (method: keyof typeof ELEMENTWISE_FLOPS) => work.matmulFlops + ELEMENTWISE_FLOPS[method] * work.values;
  const taylor = (1 + inputs + (inputs * (inputs + 1)) / 2) * pass("taylor");
  const fwdrev = (1 + inputs) * (1 + outputs) * pass("fwdrev");
  return taylor <= fwdrev ? "taylor" : "fwdrev";
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
    const { out, work } = traceShapes(
      (...xs: Tensor[]) => f(...substitute(args, positions, xs)) as any,
      positions.map((p) => args[p]),
    );
    const m = flatten(out).leaves.reduce((acc, t) => acc + sizeOf(t.shape), 0);
    // Taylor mode differentiates one argument at a time.
    const choice = typeof argnums === "number" ? chooseHessianMethod(n, m, work) : "fwdrev";
    return compose(choice)(...args);
  };
}
