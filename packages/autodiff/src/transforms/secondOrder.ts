import { eye, moveAxis, reshape, take, zeros, type Tensor } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { flatten, unflatten, type Tree } from "../core/tree.js";
import { TransformError } from "../errors.js";
import { JetTrace, JetTracer } from "../interpreters/jet.js";
import { argnumList, substitute } from "./args.js";

// A type alias, not an interface, so that it is itself a Tree (vmap can map it).
export type SecondOrder<T = Tree> = {
  value: T;
  /** [...out, ...in] per output leaf. */
  jacobian: T;
  /** [...out, ...in, ...in] per output leaf. */
  hessian: T;
};

/** The Hessian [...out, n, n] from the pair coefficients [P, ...out], filling both triangles. */
function symmetric(second: Tensor, n: number, outShape: readonly number[]): Tensor {
  const index = new Int32Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) index[i * n + j] = index[j * n + i] = k++;
  const full = reshape(take(second, index, 0), [n, n, ...outShape]);
  return moveAxis(moveAxis(full, 0, -1), 0, -1);
}

/**
 * Value, Jacobian and Hessian in one forward pass (second-order Taylor mode):
 * it propagates the value, its n first derivatives and only the n(n+1)/2
 * distinct second derivatives, so a Hessian costs 1 + n + n(n+1)/2 passes where
 * forward-over-forward pays (1 + n)².
 *
 *     const { value, jacobian, hessian } = vmap(secondOrder(f))(points);
 */
export function secondOrder<F extends (...args: any[]) => Tree>(
  f: F,
  { argnums = 0 }: { argnums?: number } = {},
): (...args: Parameters<F>) => SecondOrder<ReturnType<F>> {
  return (...args: Parameters<F>) => {
    const [pos] = argnumList("secondOrder", argnums, args);
    const x = args[pos!] as Tensor;
    const n = x.size;
    const trace = new JetTrace(newLevel(), n);
    const basis = reshape(eye(n, { dtype: x.dtype, backend: x.backend }), [n, ...x.shape]);
    const out = f(...substitute(args, [pos!], [new JetTracer(trace, x, basis, null)]));
    const { leaves, def } = flatten(out, "secondOrder: the function's output");
    if (leaves.length === 0) throw new TransformError("secondOrder: the function returned no tensor");
    const parts = leaves.map((leaf) => {
      const { primal, first, second } = trace.unpack(leaf);
      const like = { dtype: primal.dtype, backend: primal.backend };
      const jac = first === null ? zeros([...primal.shape, n], like) : moveAxis(first, 0, -1);
      const hess = second === null ? zeros([...primal.shape, n, n], like) : symmetric(second, n, primal.shape);
      return {
        value: primal,
        jacobian: reshape(jac, [...primal.shape, ...x.shape]),
        hessian: reshape(hess, [...primal.shape, ...x.shape, ...x.shape]),
      };
    });
    const tree = (key: keyof SecondOrder) =>
      unflatten(
        def,
        parts.map((p) => p[key]),
      ) as ReturnType<F>;
    return { value: tree("value"), jacobian: tree("jacobian"), hessian: tree("hessian") };
  };
}
