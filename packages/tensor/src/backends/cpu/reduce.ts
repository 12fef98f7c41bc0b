import type { BufferView, HostArray } from "../../backend.js";
import { stridesOf } from "../../shape.js";
import { forEachRow } from "./strided.js";

/** Sums `x` over `axes` into the zero-initialized `out`. */
export function reduceSum(x: BufferView<HostArray>, axes: readonly number[], out: HostArray): void {
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  const outStrides = stridesOf(outShape);
  let k = 0;
  const aligned = x.shape.map((_, i) => (axes.includes(i) ? 0 : outStrides[k++]!));
  const xb = x.buffer;
  forEachRow(x.shape, [stridesOf(x.shape), aligned], ([xo, oo], n, [xs, os]) => {
    if (os === 0) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += xb[xo! + i * xs!]!;
      out[oo!] += acc;
    } else {
      for (let i = 0; i < n; i++) out[oo! + i * os!] += xb[xo! + i * xs!]!;
    }
  });
}
