import { moveAxis, reshape, take, zeros, type Tensor } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { flatten, unflatten, type Tree, type TreeDef } from "../core/tree.js";
import { TransformError } from "../errors.js";
import { JetTrace, JetTracer } from "../interpreters/jet.js";
import { JetAdjointTrace, JetAdjointTracer } from "../interpreters/jetAdjoint.js";
import { Node } from "../interpreters/reverse.js";
import { argnumList, substitute } from "./args.js";
import { chooseHessianMethod } from "./chooseMethod.js";
import { traceOutputSize } from "./evalShape.js";
import { basisFor } from "./jacfwd.js";
import { vmap } from "./vmap.js";

// A type alias, not an interface, so that it is itself a Tree (vmap can map it).
export type SecondOrder<T = Tree> = {
  value: T;
  /** [...out, ...in] per output leaf. */
  jacobian: T;
  /** [...out, ...in, ...in] per output leaf. */
  hessian: T;
};

/**
 * How secondOrder gathers the second derivatives: "taylor" pushes them forward
 * with the value and the first derivatives (1 + n + n(n+1)/2 passes for n
 * inputs); "taylorrev" pushes the value and the first derivatives forward, then
 * gathers the second derivatives in one reverse pass per output (1 + n + m
 * passes for m outputs); "auto" picks the cheaper for f's work on the point.
 */
export type SecondOrderMethod = "auto" | "taylor" | "taylorrev";

export interface SecondOrderOptions {
  argnums?: number;
  /** Default "auto". */
  method?: SecondOrderMethod;
}

/** The Hessians [...out, n, n] from the pair coefficients [...out, P] (pairs a ≤ b), filling both triangles. */
function symmetric(pairs: Tensor, n: number, outShape: readonly number[]): Tensor {
  const index = new Int32Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) index[i * n + j] = index[j * n + i] = k++;
  return reshape(take(pairs, index, -1), [...outShape, n, n]);
}

/** One output leaf's value, first derivatives [n, ...shape] and pair coefficients [...shape, P] (null: zero). */
interface LeafCoefficients {
  primal: Tensor;
  first: Tensor | null;
  pairsLast: Tensor | null;
}

/** f run on x's second-order Taylor coefficients: every output leaf's. */
function taylorPass(f: (x: Tensor) => Tree, x: Tensor): { leaves: LeafCoefficients[]; def: TreeDef } {
  const trace = new JetTrace(newLevel(), x.size);
  const out = f(new JetTracer(trace, x, basisFor(x), null));
  const { leaves, def } = flatten(out, "secondOrder: the function's output");
  return {
    def,
    leaves: leaves.map((leaf) => {
      const { primal, first, second } = trace.unpack(leaf);
      return { primal, first, pairsLast: second && moveAxis(second, 0, -1) };
    }),
  };
}

/** f run on x's first-order coefficients, then one reverse pass per output entry (under vmap) for the pairs. */
function taylorReversePass(f: (x: Tensor) => Tree, x: Tensor): { leaves: LeafCoefficients[]; def: TreeDef } {
  const trace = new JetAdjointTrace(newLevel(), x.size);
  const out = f(new JetAdjointTracer(trace, x, basisFor(x), new Node([], null)));
  const { leaves, def } = flatten(out, "secondOrder: the function's output");
  return {
    def,
    leaves: leaves.map((leaf) => {
      const { primal, first, node } = trace.unpack(leaf);
      if (node === null) return { primal, first, pairsLast: null };
      const like = { dtype: primal.dtype, backend: primal.backend };
      const along = (ct: Tensor): Tensor => trace.secondOrderAlong(node, ct) ?? zeros([trace.pairs], like);
      const rows = vmap(along)(basisFor(primal)) as Tensor; // [m, P]
      return { primal, first, pairsLast: reshape(rows, [...primal.shape, trace.pairs]) };
    }),
  };
}

/**
 * Value, Jacobian and Hessian together, without re-running f for each: by
 * second-order Taylor mode, which propagates the value, its n first
 * derivatives and only the n(n+1)/2 distinct second derivatives (forward-over-
 * forward pays (1 + n)² passes), or by "taylorrev", which gathers the second
 * derivatives in reverse (see SecondOrderMethod).
 *
 *     const { value, jacobian, hessian } = vmap(secondOrder(f))(points);
 */
export function secondOrder<F extends (...args: any[]) => Tree>(
  f: F,
  { argnums = 0, method = "auto" }: SecondOrderOptions = {},
): (...args: Parameters<F>) => SecondOrder<ReturnType<F>> {
  if (!["auto", "taylor", "taylorrev"].includes(method)) {
    throw new TransformError(`secondOrder: unknown method "${method}"; expected "auto", "taylor" or "taylorrev"`);
  }
  return (...args: Parameters<F>) => {
    const [pos] = argnumList("secondOrder", argnums, args);
    const x = args[pos!] as Tensor;
    const n = x.size;
    const g = (xi: Tensor): Tree => f(...substitute(args, [pos!], [xi]));
    const chosen = method === "auto" ? chooseSecondOrderMethod(g, x) : method;
    const { leaves, def } = (chosen === "taylor" ? taylorPass : taylorReversePass)(g, x);
    if (leaves.length === 0) throw new TransformError("secondOrder: the function returned no tensor");
    const parts = leaves.map(({ primal, first, pairsLast }) => {
      const like = { dtype: primal.dtype, backend: primal.backend };
      const jac = first === null ? zeros([...primal.shape, n], like) : moveAxis(first, 0, -1);
      const hess = pairsLast === null ? zeros([...primal.shape, n, n], like) : symmetric(pairsLast, n, primal.shape);
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

/** Taylor mode or its reverse variant, whichever chooseHessianMethod finds cheaper for g's work at x. */
function chooseSecondOrderMethod(g: (x: Tensor) => Tree, x: Tensor): "taylor" | "taylorrev" {
  const { size, work } = traceOutputSize(g, [x]);
  return chooseHessianMethod(x.size, size, work, ["taylor", "taylorrev"]) as "taylor" | "taylorrev";
}
