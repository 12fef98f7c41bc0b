import { bind, matmul, Prim, reshape, Tracer, type Tensor } from "@nabla/tensor";
import { addMaybe, alignBatched, mT, sumToShape } from "./helpers.js";
import type { RuleSet } from "./types.js";

const mm = (a: Tensor, b: Tensor): Tensor => bind(Prim.Matmul, [a, b], {});

/** The transposes of untraced right operands (a layer's weights), by operand. */
const transposes = new WeakMap<Tensor, Tensor>();

/**
 * mT(b), made once for an untraced b as long as b lives: every reverse pass
 * through a layer multiplies by its transposed weights, and tensors never
 * change. (Meudon-scale's weights took 4 % of a chunked `vmap(jacrev)`.)
 */
function transposeOf(b: Tensor): Tensor {
  if (b instanceof Tracer) return mT(b);
  let t = transposes.get(b);
  if (t === undefined) transposes.set(b, (t = mT(b)));
  return t;
}

/**
 * The cotangent of the right operand. When it is one matrix shared by every
 * batch of the left operand (a layer's weights under vmap), fold the batches
 * into one product instead of materializing a matrix per batch and summing.
 */
function rightCotangent(ct: Tensor, a: Tensor, b: Tensor): Tensor {
  if (b.rank === 2 && a.rank > 2) {
    const k = a.shape[a.rank - 1]!,
      n = ct.shape[ct.rank - 1]!;
    return matmul(mT(reshape(a, [-1, k])), reshape(ct, [-1, n]));
  }
  return sumToShape(mm(mT(a), ct), b.shape);
}

export const linalgRules: RuleSet<Prim.Matmul> = {
  jvp: { [Prim.Matmul]: ([a, b], [da, db]) => addMaybe(da ? mm(da, b!) : null, db ? mm(a!, db) : null) },
  vjp: {
    [Prim.Matmul]: (ct, [a, b], _, __, [na, nb]) => [
      na ? sumToShape(mm(ct, transposeOf(b!)), a!.shape) : null,
      nb ? rightCotangent(ct, a!, b!) : null,
    ],
  },
  batch: {
    [Prim.Matmul]: (_, vals, dims) => {
      // A product with one unbatched matrix acts on each row of a alone: a's batch axis stays wherever it is but the contracted one.
      const [a0, b0] = vals as [Tensor, Tensor];
      if (dims[1] === null && b0.rank === 2 && dims[0] !== null && dims[0]! < a0.rank - 1) return [mm(a0, b0), dims[0]!];
      // Else in place only when the batch dimension is a leading (broadcast) one, not a matrix dimension.
      const [[a, b], dim] = alignBatched(vals, dims, (d, rank) => d < rank - 2);
      return [mm(a!, b!), dim];
    },
  },
};
