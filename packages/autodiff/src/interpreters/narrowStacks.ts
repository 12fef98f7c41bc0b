import { Prim, type Aval, type PrimParams } from "@nabla/tensor";
import { ProgramGraph } from "./programGraph.js";
import type { Equation, Program } from "./record.js";

/**
 * The program with each stack of GELU's derivatives (Prim.GeluStack) that is
 * read only by takes of some of its rows computing only the orders from the
 * first row read to the last: `jvp` of GELU stacks its value and derivative,
 * and where only the tangent is needed (the last layer's value, under
 * `jacfwd`) the value is dropped. The takes read the same orders as before.
 */
export function narrowStacks(program: Program): Program {
  const { avals, equations } = program;
  const graph = new ProgramGraph(program);
  const newAvals: Aval[] = [...avals];
  const rewritten = new Map<number, Equation>();
  equations.forEach((eq, e) => {
    if (eq.prim !== Prim.GeluStack || graph.isResult(eq.output)) return;
    const readers = graph.readersOf(eq.output).map((at) => [at, equations[at]!] as const);
    if (readers.some(([, r]) => r.prim !== Prim.Take || (r.params as PrimParams[Prim.Take]).axis !== 0)) return;
    const rows = readers.flatMap(([, r]) => Array.from((r.params as PrimParams[Prim.Take]).indices));
    const { order, count } = eq.params as PrimParams[Prim.GeluStack];
    const [first, last] = [Math.min(...rows), Math.max(...rows)];
    if (rows.length === 0 || last - first + 1 === count) return;
    const stack = avals[eq.output]!;
    newAvals[eq.output] = { ...stack, shape: [last - first + 1, ...stack.shape.slice(1)] };
    rewritten.set(e, { ...eq, params: { order: order + first, count: last - first + 1 } });
    for (const [at, r] of readers) {
      const { indices, axis } = r.params as PrimParams[Prim.Take];
      rewritten.set(at, { ...r, params: { indices: indices.map((i) => i - first), axis } });
    }
  });
  if (rewritten.size === 0) return program;
  return { ...program, avals: newAvals, equations: equations.map((eq, e) => rewritten.get(e) ?? eq) };
}
