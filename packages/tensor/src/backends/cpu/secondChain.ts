import type { BufferView, HostArray } from "../../backend.js";
import { directionPairs } from "../../primitives.js";
import { broadcastStrides, stridesOf, type Shape } from "../../shape.js";
import { forEachRow } from "./strided.js";

/**
 * out[k] = g″·x₁[aₖ]·x₁[bₖ] (+ g′·x₂[k]) along `axis` (see Prim.SecondChain).
 * The walk is over the output without that axis, row by row, every pair of a
 * row at once: g′, g″ and x₁'s row are read from cache for all the pairs.
 */
export function secondChain(inputs: readonly BufferView<HostArray>[], axis: number, outShape: Shape, out: HostArray): void {
  const [g2, x1, g1, x2] = inputs as [BufferView<HostArray>, BufferView<HostArray>, BufferView<HostArray>?, BufferView<HostArray>?];
  const { a, b } = directionPairs(x1.shape[axis]!);
  const without = (s: readonly number[]) => s.filter((_, i) => i !== axis);
  const rest = without(outShape);
  const strides = inputs.map((v) => without(broadcastStrides(v.shape, outShape)));
  strides.push(without(stridesOf(outShape)));
  const x1Step = stridesOf(x1.shape)[axis]!,
    x2Step = x2 ? stridesOf(x2.shape)[axis]! : 0,
    outStep = stridesOf(outShape)[axis]!;
  const G2 = g2.buffer,
    X1 = x1.buffer,
    G1 = g1?.buffer,
    X2 = x2?.buffer;
  forEachRow(rest, strides, (offsets, m, inner) => {
    const [p2, px1, p1 = 0, px2 = 0] = offsets as [number, number, number?, number?];
    const [s2, sx1, s1 = 0, sx2 = 0] = inner as [number, number, number?, number?];
    const po = offsets[offsets.length - 1]!,
      so = inner[inner.length - 1]!;
    for (let k = 0; k < a.length; k++) {
      const xa = px1 + a[k]! * x1Step,
        xb = px1 + b[k]! * x1Step,
        base = po + k * outStep;
      if (G1 === undefined || X2 === undefined) {
        for (let i = 0; i < m; i++) out[base + i * so] = G2[p2 + i * s2]! * X1[xa + i * sx1]! * X1[xb + i * sx1]!;
      } else {
        const xk = px2 + k * x2Step;
        for (let i = 0; i < m; i++)
          out[base + i * so] = G1[p1 + i * s1]! * X2[xk + i * sx2]! + G2[p2 + i * s2]! * X1[xa + i * sx1]! * X1[xb + i * sx1]!;
      }
    }
  });
}
