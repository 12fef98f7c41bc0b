import type { Tensor } from "@nabla/tensor";
import type { Tree } from "../core/tree.js";
import { chooseHessianMethod } from "./chooseMethod.js";
import { secondOrder } from "./secondOrder.js";
import { TransformError } from "../errors.js";
import { argnumList, substitute, type Argnums } from "./args.js";
import { traceOutputSize } from "./evalShape.js";
import { jacfwd } from "./jacfwd.js";
import { jacrev } from "./jacrev.js";

export type HessianMethod = "auto" | "taylor" | "taylorrev" | "fwdfwd" | "fwdrev" | "revrev";

export interface HessianOptions {
  argnums?: Argnums;
  /**
   * How: second-order Taylor mode (one forward pass of value, gradient and the
   * distinct second derivatives), Taylor mode with the second derivatives
   * gathered in reverse (`secondOrder`'s "taylorrev"), forward-over-forward,
   * forward-over-reverse, reverse-over-reverse, or the cheapest for the sizes
   * and f's work (`chooseHessianMethod`). Default "auto".
   */
  method?: HessianMethod;
  chunkSize?: number;
}

/**
 * Second derivatives: for f: [...in] → [...out], shape [...out, ...in, ...in].
 *
 *     const H = vmap(hessian(f))(points);   // [N, m, n, n]
 */
export function hessian<F extends (...args: any[]) => unknown>(f: F, options: HessianOptions = {}): (...args: Parameters<F>) => any {
  const { argnums = 0, method = "auto", chunkSize } = options;
  const opts = { argnums, chunkSize };
  const onePass = (method: "taylor" | "taylorrev") => () => {
    if (typeof argnums !== "number") throw new TransformError(`hessian: method "${method}" differentiates one argument; give argnums as a number`);
    const so = secondOrder(f as (...args: any[]) => Tree, { argnums, method });
    return (...args: unknown[]) => so(...args).hessian;
  };
  const compositions = {
    taylor: onePass("taylor"),
    taylorrev: onePass("taylorrev"),
    fwdfwd: () => jacfwd(jacfwd(f, opts), opts),
    fwdrev: () => jacfwd(jacrev(f, opts), opts),
    revrev: () => jacrev(jacrev(f, opts), opts),
  };
  const compose = (m: Exclude<HessianMethod, "auto">) => compositions[m]();
  if (method !== "auto") {
    if (!(method in compositions))
      throw new TransformError(`hessian: unknown method "${method}"; expected "auto", "taylor", "taylorrev", "fwdfwd", "fwdrev" or "revrev"`);
    return compose(method);
  }
  return (...args: Parameters<F>) => {
    const positions = argnumList("hessian", argnums, args);
    const n = positions.reduce((acc, p) => acc + (args[p] as Tensor).size, 0);
    const { size: m, work } = traceOutputSize(
      (...xs: Tensor[]) => f(...substitute(args, positions, xs)) as any,
      positions.map((p) => args[p]),
    );
    // Taylor mode, and its reverse variant, differentiate one argument at a time.
    const choice = typeof argnums === "number" ? chooseHessianMethod(n, m, work) : "fwdrev";
    return compose(choice)(...args);
  };
}
