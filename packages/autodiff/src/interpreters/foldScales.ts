import { mul, Prim, reshape, sizeOf, transpose, type Aval } from "@nabla/tensor";
import { isOneRowAPoint, ProgramGraph } from "./programGraph.js";
import type { Equation, Program } from "./record.js";

/** Values of the largest folded matrix: D times the weights, kept beside them as long as the program. */
export const FOLDED_MAX_VALUES = 1 << 20;

/**
 * The program with each product of a constant c [D, K] and a value x
 * [..., 1, K] (so [..., D, K]), read only by a matrix product with a constant
 * w [K, N] (maybe after reshapes that keep its rows), computed as one product
 * of x with the constant w′ [K, D·N], w′[k, d·N + n] = c[d, k]·w[k, n], made
 * once when the program is (up to FOLDED_MAX_VALUES): (c⊙x)·w = x·(c⊙w),
 * up to rounding. Under `jacfwd` a first layer's tangents are such constants
 * (the columns of its weights) times its activation's derivative at each
 * point: folded, they never fill a buffer and the next product reads D
 * times fewer rows, for D times more columns of a matrix that stays in cache.
 */
export function foldScales(program: Program): Program {
  const { avals, constants, equations } = program;
  const graph = new ProgramGraph(program);
  const newAvals: Aval[] = [...avals];
  const newConstants = new Map(constants);
  const replaced = new Map<number, Equation[]>();
  const absorbed = new Set<number>();
  const value = (aval: Aval): number => newAvals.push(aval) - 1;

  equations.forEach((eq, e) => {
    if (eq.prim !== Prim.Mul) return;
    const scaled = avals[eq.output]!;
    const r = scaled.shape.length;
    if (r < 2) return;
    const [D, K] = [scaled.shape[r - 2]!, scaled.shape[r - 1]!];
    const cAt = eq.inputs.findIndex((id) => constants.has(id));
    if (D < 2 || cAt < 0) return;
    const [c, x] = [eq.inputs[cAt]!, eq.inputs[1 - cAt]!];
    if (constants.has(x) || !isScale(avals[c]!.shape, D, K) || !isOneRowAPoint(avals[x]!.shape, scaled.shape)) return;
    const { between, value: rows, reader } = graph.throughRowReshapes(eq.output, K);
    const product = reader === undefined ? undefined : equations[reader]!;
    if (product?.prim !== Prim.Matmul || product.inputs.length !== 2 || product.inputs[0] !== rows) return;
    const w = product.inputs[1]!;
    const wShape = avals[w]!.shape;
    if (!constants.has(w) || wShape.length !== 2 || wShape[0] !== K) return;
    if (new Set([avals[c]!.dtype, avals[x]!.dtype, avals[w]!.dtype]).size !== 1) return;
    const N = wShape[1]!;
    if (D * K * N > FOLDED_MAX_VALUES) return;
    const P = sizeOf(scaled.shape) / (D * K);
    const { dtype } = scaled;
    // w′ = (c ⊙ w) laid [K, D, N]: row k of x meets every d's scaled row of w at once.
    const folded = reshape(transpose(mul(reshape(constants.get(c)!, [D, K, 1]), reshape(constants.get(w)!, [1, K, N])), [1, 0, 2]), [K, D * N]);
    const wFolded = value({ shape: folded.shape, dtype });
    newConstants.set(wFolded, folded);
    const xRows = value({ shape: [P, K], dtype });
    const out = value({ shape: [P, D * N], dtype });
    replaced.set(reader!, [
      { prim: Prim.Reshape, params: { shape: [P, K] }, inputs: [x], output: xRows },
      { prim: Prim.Matmul, params: product.params, inputs: [xRows, wFolded], output: out },
      { prim: Prim.Reshape, params: { shape: avals[product.output]!.shape }, inputs: [out], output: product.output },
    ]);
    for (const at of [e, ...between]) absorbed.add(at);
  });
  if (replaced.size === 0) return program;
  return {
    ...program,
    avals: newAvals,
    constants: newConstants,
    equations: equations.flatMap((eq, e) => (absorbed.has(e) ? [] : (replaced.get(e) ?? [eq]))),
  };
}

/** Whether a constant of shape `shape` is D rows of K scales ([D, K], maybe with leading ones). */
function isScale(shape: readonly number[], D: number, K: number): boolean {
  return shape.length >= 2 && shape.at(-1) === K && shape.at(-2) === D && shape.slice(0, -2).every((d) => d === 1);
}
