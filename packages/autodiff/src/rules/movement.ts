import { bind, concat, pad, Prim, reshape, slice, type Tensor } from "@nabla/tensor";
import { batchFirst, sumToShape, zerosLike } from "./helpers.js";
import type { RuleSet } from "./types.js";

type Movement = Prim.Reshape | Prim.BroadcastTo | Prim.Transpose | Prim.Concat | Prim.Slice | Prim.Pad | Prim.Take | Prim.IndexAdd;

const inversePerm = (perm: readonly number[]): number[] => {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
};

/** Linear primitives: the tangent goes through the primitive itself. */
const linear =
  <P extends Movement>(prim: P) =>
  (_: Tensor[], [dx]: (Tensor | null)[], __: Tensor, params: Parameters<typeof bind<P>>[2]): Tensor =>
    bind(prim, [dx!], params);

export const movementRules: RuleSet<Movement> = {
  jvp: {
    [Prim.Reshape]: linear(Prim.Reshape),
    [Prim.BroadcastTo]: linear(Prim.BroadcastTo),
    [Prim.Transpose]: linear(Prim.Transpose),
    [Prim.Slice]: linear(Prim.Slice),
    [Prim.Pad]: linear(Prim.Pad),
    [Prim.Take]: linear(Prim.Take),
    [Prim.IndexAdd]: linear(Prim.IndexAdd),
    [Prim.Concat]: (xs, dxs, _, { axis }) =>
      bind(
        Prim.Concat,
        dxs.map((dx, i) => dx ?? zerosLike(xs[i]!)),
        { axis },
      ),
  },
  vjp: {
    [Prim.Reshape]: (ct, [x]) => [reshape(ct, x!.shape)],
    [Prim.BroadcastTo]: (ct, [x]) => [sumToShape(ct, x!.shape)],
    [Prim.Transpose]: (ct, _, __, { perm }) => [bind(Prim.Transpose, [ct], { perm: inversePerm(perm) })],
    [Prim.Slice]: (ct, [x], _, { starts, ends }) => [
      pad(
        ct,
        starts,
        ends.map((e, i) => x!.shape[i]! - e),
      ),
    ],
    [Prim.Pad]: (ct, [x], _, { before }) => [
      slice(
        ct,
        before,
        before.map((b, i) => b + x!.shape[i]!),
      ),
    ],
    [Prim.Take]: (ct, [x], _, { indices, axis }) => [bind(Prim.IndexAdd, [ct], { indices, axis, size: x!.shape[axis]! })],
    [Prim.IndexAdd]: (ct, _, __, { indices, axis }) => [bind(Prim.Take, [ct], { indices, axis })],
    [Prim.Concat]: (ct, xs, _, { axis }, needs) => {
      let at = 0;
      return xs.map((x, i) => {
        const start = at;
        at += x.shape[axis]!;
        if (!needs[i]) return null;
        const starts = x.shape.map((_, d) => (d === axis ? start : 0));
        const ends = x.shape.map((n, d) => (d === axis ? start + n : n));
        return slice(ct, starts, ends);
      });
    },
  },
  batch: {
    [Prim.Reshape]: (n, [x], [d], { shape }) => {
      // The axes before the batch one kept as they are (a stack's leading coefficients): the rest reshapes behind it, in place.
      const before = x!.shape.slice(0, d!);
      if (d! > 0 && d! <= shape.length && before.every((len, i) => shape[i] === len)) return [reshape(x!, [...before, n, ...shape.slice(d!)]), d!];
      return [reshape(batchFirst(x!, d!, n), [n, ...shape]), 0];
    },
    [Prim.BroadcastTo]: (n, [x], [d], { shape }) => {
      const front = batchFirst(x!, d!, n);
      const padded = reshape(front, [n, ...new Array<number>(shape.length - (front.rank - 1)).fill(1), ...front.shape.slice(1)]);
      return [bind(Prim.BroadcastTo, [padded], { shape: [n, ...shape] }), 0];
    },
    // One transpose that also brings the batch axis first (a coefficient-first stack has it second).
    [Prim.Transpose]: (_, [x], [d], { perm }) =>
      d === null || d === undefined
        ? [bind(Prim.Transpose, [x!], { perm }), null]
        : [bind(Prim.Transpose, [x!], { perm: [d, ...perm.map((p) => (p < d ? p : p + 1))] }), 0],
    [Prim.Slice]: (n, [x], [d], { starts, ends }) => [bind(Prim.Slice, [batchFirst(x!, d!, n)], { starts: [0, ...starts], ends: [n, ...ends] }), 0],
    [Prim.Pad]: (n, [x], [d], { before, after }) => [bind(Prim.Pad, [batchFirst(x!, d!, n)], { before: [0, ...before], after: [0, ...after] }), 0],
    // Both keep the rank, so the batch dimension stays where it is (no transpose) and the axis steps over it.
    [Prim.Take]: (_, [x], [d], { indices, axis }) => [bind(Prim.Take, [x!], { indices, axis: axis < d! ? axis : axis + 1 }), d!],
    [Prim.IndexAdd]: (_, [x], [d], { indices, axis, size }) => [bind(Prim.IndexAdd, [x!], { indices, axis: axis < d! ? axis : axis + 1, size }), d!],
    [Prim.Concat]: (n, xs, dims, { axis }) => [
      concat(
        xs.map((x, i) => batchFirst(x, dims[i]!, n)),
        axis + 1,
      ),
      0,
    ],
  },
};
