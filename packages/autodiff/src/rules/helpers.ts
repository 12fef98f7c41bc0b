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
 * Operands of a broadcasting primitive with their batch dimension first and
 * padded to the largest per-example rank, so batch dimensions line up;
 * unbatched operands stay as they are and broadcast on their own.
 */
export function alignBatched(vals: Tensor[], dims: (number | null)[]): Tensor[] {
  const rank = Math.max(...vals.map((v, i) => v.rank - (dims[i] === null ? 0 : 1)));
  return vals.map((v, i) => {
    const d = dims[i];
    if (d === null || d === undefined) return v;
    const front = moveAxis(v, d, 0);
    const missing = rank - (v.rank - 1);
    return missing === 0 ? front : reshape(front, [front.shape[0]!, ...new Array<number>(missing).fill(1), ...front.shape.slice(1)]);
  });
}

export const shapeWithout = (shape: Shape, axis: number): number[] => shape.filter((_, i) => i !== axis);
