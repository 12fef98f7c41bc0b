import { Prim, sameShape, type Aval } from "@nabla/tensor";
import { ProgramGraph } from "./programGraph.js";
import type { Equation, Program } from "./record.js";

/** Whether a value of shape `b` added to an [..., n] one adds the same n values to every row. */
const isRow = ({ shape }: Aval, n: number): boolean => shape.length >= 1 && shape[shape.length - 1] === n && shape.slice(0, -1).every((d) => d === 1);

/**
 * The program with each matrix product whose only reader adds a row to it —
 * add(matmul(a, w), b), b of shape [n] or [1, …, n]: a layer's bias, maybe
 * after reshapes that keep the product's rows — run as one Matmul of three
 * operands where the backend takes them (`Backend.matmulBias`), its output
 * of the sum's shape (the same values, row after row). The bias is then
 * added while the product's block is in cache, and the product alone never
 * fills a buffer. The values are those of the addition in float64.
 */
export function fuseBiasAdds(program: Program): Program {
  if (!program.backend.matmulBias) return program;
  const { avals, equations } = program;
  const graph = new ProgramGraph(program);
  const fused = new Map<number, Equation>();
  const absorbed = new Set<number>();
  equations.forEach((eq, e) => {
    if (eq.prim !== Prim.Matmul || eq.inputs.length !== 2) return;
    const product = avals[eq.output]!;
    const n = product.shape[product.shape.length - 1]!;
    // Through reshapes that keep the rows (a vector's product under vmap, squeezed): views of the same buffer.
    const { between, value, reader: next } = graph.throughRowReshapes(eq.output, n);
    const add = next === undefined ? undefined : equations[next]!;
    if (add?.prim !== Prim.Add) return;
    const bias = add.inputs[add.inputs[0] === value ? 1 : 0]!;
    const [row, sum] = [avals[bias]!, avals[add.output]!];
    if (!isRow(row, n) || !sameShape(sum.shape, avals[value]!.shape)) return;
    if (row.dtype !== product.dtype || sum.dtype !== product.dtype) return;
    // The bias must be known when the product runs.
    if (graph.madeAt(bias) > e) return;
    fused.set(e, { prim: Prim.Matmul, params: eq.params, inputs: [...eq.inputs, bias], output: add.output });
    for (const absorbedAt of [...between, next!]) absorbed.add(absorbedAt);
  });
  if (fused.size === 0) return program;
  return { ...program, equations: equations.flatMap((eq, e) => (absorbed.has(e) ? [] : [fused.get(e) ?? eq])) };
}
