import { reshape, type Tensor } from "@nabla/tensor";
import { flatten } from "../core/tree.js";
import { argnumList, substitute } from "./args.js";
import { arrangeJacobians, basisFor, type JacOptions } from "./jacfwd.js";
import { recordVjp } from "./vjp.js";
import { vmap } from "./vmap.js";

/**
 * Jacobian by reverse mode: f runs once, then one pullback per output entry,
 * all at once under vmap. For f: [...in] → [...out] it has shape [...out, ...in].
 */
export function jacrev<F extends (...args: any[]) => unknown>(f: F, options: JacOptions = {}): (...args: Parameters<F>) => any {
  const { argnums = 0, hasAux = false, chunkSize } = options;
  return (...args: Parameters<F>) => {
    const positions = argnumList("jacrev", argnums, args);
    const inputs = positions.map((p) => args[p] as Tensor);
    const { out, outLeaves, aux, pull } = recordVjp("jacrev", (...xs) => f(...substitute(args, positions, xs)), inputs, hasAux);
    const { def } = flatten(out);
    // perLeaf[k][i]: the Jacobian of output leaf k with respect to input i.
    const perLeaf = outLeaves.map((o, k) => {
      const rows = vmap((e: Tensor) => pull(outLeaves.map((_, j) => (j === k ? e : null))), { chunkSize })(basisFor(o)) as Tensor[];
      return rows.map((r, i) => reshape(r, [...o.shape, ...inputs[i]!.shape]));
    });
    const jac = arrangeJacobians(
      def,
      inputs.map((_, i) => perLeaf.map((leaf) => leaf[i]!)),
      typeof argnums === "number",
    );
    return hasAux ? [jac, aux] : jac;
  };
}
