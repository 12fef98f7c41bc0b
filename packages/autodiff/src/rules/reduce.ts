import { bind, broadcastTo, Prim, reshape } from "@nabla/tensor";
import { batchFirst } from "./helpers.js";
import type { RuleSet } from "./types.js";

export const reduceRules: RuleSet<Prim.ReduceSum> = {
  jvp: { [Prim.ReduceSum]: (_, [dx], __, params) => bind(Prim.ReduceSum, [dx!], params) },
  vjp: {
    [Prim.ReduceSum]: (ct, [x], _, { axes }) => [
      broadcastTo(
        reshape(
          ct,
          x!.shape.map((d, i) => (axes.includes(i) ? 1 : d)),
        ),
        x!.shape,
      ),
    ],
  },
  batch: {
    [Prim.ReduceSum]: (n, [x], [d], { axes }) => [bind(Prim.ReduceSum, [batchFirst(x!, d!, n)], { axes: axes.map((a) => a + 1) }), 0],
  },
};
