import { formatShape, sameShape, type Tensor } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { flatten, mapTensors, sameStructure, unflatten, type Tree } from "../core/tree.js";
import { TransformError, TreeMismatchError } from "../errors.js";
import { backpropagate, Node, RevTrace, RevTracer } from "../interpreters/reverse.js";
import { zerosLike } from "../rules/helpers.js";
import { splitAux } from "./args.js";

/** Maps an output cotangent (same structure and shapes as the output) to one cotangent per primal. */
export type VjpFn<R extends Tree = Tree> = (cotangent: R) => Tensor[];

/** Runs f once, recording it; returns its output and the function that pulls cotangents back. */
export function recordVjp(
  name: string,
  f: (...args: Tensor[]) => unknown,
  primals: readonly Tensor[],
  hasAux: boolean,
): { out: Tree; outLeaves: Tensor[]; aux: unknown; pull: (cts: readonly (Tensor | null)[]) => Tensor[]; vjpFn: VjpFn } {
  const trace = new RevTrace(newLevel());
  const leavesIn = primals.map(() => new Node([], null));
  const result = f(...primals.map((p, i) => new RevTracer(trace, p, leavesIn[i]!)));
  const [raw, aux] = hasAux ? splitAux(name, result) : [result, undefined];
  const { leaves, def } = flatten(raw, `${name}: the function's output`);
  if (leaves.length === 0) throw new TransformError(`${name}: the function returned no tensor`);
  const unpacked = leaves.map((leaf) => trace.unpack(leaf));
  const outLeaves = unpacked.map(([p]) => p);
  /** Cotangents per output leaf (null: zero) → one cotangent per primal. */
  const pull = (cts: readonly (Tensor | null)[]): Tensor[] => {
    const seeds: [Node, Tensor][] = [];
    cts.forEach((ct, i) => {
      const node = unpacked[i]![1];
      if (ct !== null && node !== null) seeds.push([node, ct]);
    });
    return backpropagate(seeds, leavesIn).map((ct, i) => ct ?? zerosLike(primals[i]!));
  };
  const vjpFn: VjpFn = (cotangent) => {
    const { leaves: cts, def: ctDef } = flatten(cotangent, `${name}: the cotangent`);
    if (!sameStructure(def, ctDef)) throw new TreeMismatchError(`${name}: the cotangent's structure differs from the output's`);
    cts.forEach((ct, i) => {
      const p = outLeaves[i]!;
      if (!sameShape(ct.shape, p.shape))
        throw new TransformError(`${name}: cotangent ${i} has shape ${formatShape(ct.shape)}, expected ${formatShape(p.shape)} like the output`);
    });
    return pull(cts);
  };
  return { out: unflatten(def, outLeaves), outLeaves, aux: mapTensors(aux, (t) => trace.unpack(t)[0]), pull, vjpFn };
}

/**
 * Reverse mode: f's output and a function from output cotangents to input cotangents.
 *
 *     const [y, back] = vjp((x) => sum(square(x)), x);
 *     const [dx] = back(tensor(1));
 */
export function vjp<R extends Tree>(f: (...args: Tensor[]) => R, ...primals: Tensor[]): [R, VjpFn<R>] {
  const { out, vjpFn } = recordVjp("vjp", f, primals, false);
  return [out as R, vjpFn as VjpFn<R>];
}
