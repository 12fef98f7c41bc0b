import { Prim, sameShape, type PrimParams } from "@nabla/tensor";
import { isOneRowAPoint, ProgramGraph } from "./programGraph.js";
import type { Equation, Program } from "./record.js";

/**
 * The program with each product s ⊙ t of a value t [..., D, K] and scales s
 * [..., 1, K] (each point's D rows scaled alike), read only by a matrix
 * product with a matrix w [K, N] (maybe after reshapes that keep its rows),
 * run as one Matmul that scales t's rows as it reads them, where the backend
 * takes that (`Backend.matmulScale`): under `jvp` of a layer, D tangents times
 * the activation's derivative, then the next layer's weights. The scaled
 * tangents never fill a buffer; the values are those of the product in float64.
 */
export function fuseRowScales(program: Program): Program {
  if (!program.backend.matmulScale) return program;
  const { avals, equations } = program;
  const graph = new ProgramGraph(program);
  const fused = new Map<number, Equation>();
  const absorbed = new Set<number>();
  equations.forEach((eq, e) => {
    if (eq.prim !== Prim.Mul) return;
    const scaled = avals[eq.output]!;
    const r = scaled.shape.length;
    if (r < 2) return;
    const K = scaled.shape[r - 1]!;
    const isScales = (id: number) => isOneRowAPoint(avals[id]!.shape, scaled.shape);
    const sAt = isScales(eq.inputs[1]!) ? 1 : isScales(eq.inputs[0]!) ? 0 : -1;
    if (sAt < 0) return;
    const [s, t] = [eq.inputs[sAt]!, eq.inputs[1 - sAt]!];
    if (!sameShape(avals[t]!.shape, scaled.shape) || avals[s]!.dtype !== scaled.dtype || avals[t]!.dtype !== scaled.dtype) return;
    const { between, value, reader } = graph.throughRowReshapes(eq.output, K);
    const product = reader === undefined ? undefined : equations[reader]!;
    if (product?.prim !== Prim.Matmul || product.inputs[0] !== value || avals[product.inputs[1]!]!.shape.length !== 2) return;
    if ((product.params as PrimParams[Prim.Matmul]).scalePeriod !== undefined || avals[product.inputs[1]!]!.dtype !== scaled.dtype) return;
    fused.set(reader!, {
      prim: Prim.Matmul,
      params: { ...product.params, scalePeriod: scaled.shape[r - 2]! },
      inputs: [t, ...product.inputs.slice(1), s],
      output: product.output,
    });
    for (const at of [e, ...between]) absorbed.add(at);
  });
  if (fused.size === 0) return program;
  return { ...program, equations: equations.flatMap((eq, e) => (absorbed.has(e) ? [] : [fused.get(e) ?? eq])) };
}
