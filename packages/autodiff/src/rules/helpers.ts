import { add, expandDims, moveAxis, reshape, sameShape, sum, transpose, zeros, broadcastTo, type Shape, type Tensor } from "@nabla/tensor";

/** Sums away the dimensions that broadcasting added to reach `x.shape` from `shape`. */
export function sumToShape(x: Tensor, shape: Shape): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const lead = x.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < x.rank; i++) if (i < lead || (shape[i - lead] === 1 && x.shape[i] !== 1)) axes.push(i);
  return reshape(sum(x, axes), shape);
}

export const zerosLike = (x: Tensor): Tensor => zeros(x.shape, { dtype: x.dtype, backend: x.backend });

/** a + b where null stands for zero. */
export const addMaybe = (a: Tensor | null, b: Tensor | null): Tensor | null => (a === null ? b : b === null ? a : add(a, b));

/** Swaps the last two axes. */
export function mT(x: Tensor): Tensor {
  const perm = x.shape.map((_, i) => i);
  perm[x.rank - 1] = x.rank - 2;
  perm[x.rank - 2] = x.rank - 1;
  return transpose(x, perm);
}

/** The operand with its batch dimension first (broadcast to `size` when it has none). */
export function batchFirst(x: Tensor, dim: number | null, size: number): Tensor {
  return dim === null ? broadcastTo(expandDims(x, 0), [size, ...x.shape]) : moveAxis(x, dim, 0);
}

/**
 * Operands of a broadcasting primitive lined up so their batch dimensions
 * coincide, and the output's batch dimension. Unbatched operands stay as they
 * are and broadcast on their own. When the operands already line up (and
 * `inPlaceOk` accepts the dimension) nothing moves; otherwise batch dimensions
 * go first, padded to the largest per-example rank.
 */
export function alignBatched(
  vals: Tensor[],
  dims: (number | null)[],
  inPlaceOk: (dim: number, rank: number) => boolean = () => true,
): [Tensor[], number] {
  const inPlace = sharedDim(vals, dims);
  if (inPlace !== null && inPlaceOk(inPlace, vals[dims.findIndex((d) => d !== null)]!.rank)) return [vals, inPlace];
  const rank = Math.max(...vals.map((v, i) => v.rank - (dims[i] === null ? 0 : 1)));
  const aligned = vals.map((v, i) => {
    const d = dims[i];
    if (d === null || d === undefined) return v;
    const front = moveAxis(v, d, 0);
    const missing = rank - (v.rank - 1);
    return missing === 0 ? front : reshape(front, [front.shape[0]!, ...new Array<number>(missing).fill(1), ...front.shape.slice(1)]);
  });
  return [aligned, 0];
}

/**
 * The batch dimension d when the operands already line up: every batched one
 * has the same rank and batch dimension d, and every unbatched one reaches no
 * further left than the dimensions after d. Null otherwise.
 */
function sharedDim(vals: Tensor[], dims: (number | null)[]): number | null {
  let d: number | undefined, rank: number | undefined;
  for (let i = 0; i < vals.length; i++) {
    const di = dims[i];
    if (di === null || di === undefined) continue;
    if (d === undefined) [d, rank] = [di, vals[i]!.rank];
    else if (di !== d || vals[i]!.rank !== rank) return null;
  }
  return vals.every((v, i) => dims[i] !== null || v.rank <= rank! - 1 - d!) ? d! : null;
}

export const shapeWithout = (shape: Shape, axis: number): number[] => shape.filter((_, i) => i !== axis);
