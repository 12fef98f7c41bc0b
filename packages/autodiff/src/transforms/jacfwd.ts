import { eye, moveAxis, reshape, type Tensor } from "@nabla/tensor";
import { flatten, unflatten, type Tree, type TreeDef } from "../core/tree.js";
import { argnumList, substitute, type Argnums } from "./args.js";
import { forward } from "./jvp.js";
import { vmap } from "./vmap.js";

export interface JacOptions {
  /** The argument(s) to differentiate: a number gives one Jacobian per output leaf, a list a list of them. Default 0. */
  argnums?: Argnums;
  /** f returns [output, aux]; the result is then [jacobian, aux]. */
  hasAux?: boolean;
  /** Push at most this many basis vectors at once (bounds memory). */
  chunkSize?: number;
}

/** The identity as `x.size` basis tensors shaped like `x`: [size, ...x.shape]. */
export const basisFor = (x: Tensor): Tensor => reshape(eye(x.size, { dtype: x.dtype, backend: x.backend }), [x.size, ...x.shape]);

/**
 * Jacobians in the output's structure: each output leaf holds its Jacobian
 * (argnums a number) or the list of its Jacobians, one per argument.
 */
export function arrangeJacobians(def: TreeDef, perArg: readonly Tensor[][], single: boolean): Tree {
  return unflatten(def, single ? perArg[0]! : perArg[0]!.map((_, k) => perArg.map((leaves) => leaves[k]!)));
}

/**
 * Jacobian by forward mode: one pushforward per input entry, all at once under vmap.
 * For f: [...in] → [...out] it has shape [...out, ...in].
 */
export function jacfwd<F extends (...args: any[]) => unknown>(f: F, options: JacOptions = {}): (...args: Parameters<F>) => any {
  const { argnums = 0, hasAux = false, chunkSize } = options;
  return (...args: Parameters<F>) => {
    const positions = argnumList("jacfwd", argnums, args);
    let aux: unknown;
    let outDef: TreeDef | undefined;
    const perArg = positions.map((pos) => {
      const x = args[pos] as Tensor;
      const g = (xi: Tensor): unknown => f(...substitute(args, [pos], [xi]));
      const pushforward = (t: Tensor): Tree => {
        const r = forward("jacfwd", g, [x], [t], hasAux);
        // The aux value and the primal output do not depend on the basis vector.
        aux = r.aux;
        return r.tangent;
      };
      const { leaves, def } = flatten(vmap(pushforward, { chunkSize })(basisFor(x)));
      outDef = def;
      // [size, ...out] → [...out, ...in]
      return leaves.map((c) => reshape(moveAxis(c, 0, -1), [...c.shape.slice(1), ...x.shape]));
    });
    const jac = arrangeJacobians(outDef!, perArg, typeof argnums === "number");
    return hasAux ? [jac, aux] : jac;
  };
}
