import type { BufferView, HostArray } from "../../backend.js";
import { directionPairs } from "../../primitives.js";
import { broadcastStrides, sizeOf, stridesOf, type Shape } from "../../shape.js";
import { forEachRow } from "./strided.js";
import { sharedWasmStreams, STREAM_MIN_VALUES, type StreamOperand } from "./wasm/streams.js";

/**
 * out[k] = g″·x₁[aₖ]·x₁[bₖ] (+ g′·x₂[k]) along `axis` (see Prim.SecondChain).
 * The walk is over the output without that axis, row by row, every pair of a
 * row at once: g′, g″ and x₁'s row are read from cache for all the pairs.
 */
export function secondChain(inputs: readonly BufferView<HostArray>[], axis: number, outShape: Shape, out: HostArray): void {
  const [g2, x1, g1, x2] = inputs as [BufferView<HostArray>, BufferView<HostArray>, BufferView<HostArray>?, BufferView<HostArray>?];
  const { a, b } = directionPairs(x1.shape[axis]!);
  if (secondChainInWasm(inputs, { a, b }, axis, outShape, out)) return;
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

/**
 * The WebAssembly kernel, for the layout the Taylor-mode rules make: the
 * pairs on the second-to-last axis, rows (the last axis, at least 8
 * values) never broadcast, and each operand either one block a point (the
 * axes before the pairs' as the output's) or the same for every point.
 */
function secondChainInWasm(
  inputs: readonly BufferView<HostArray>[],
  pairs: { a: Int32Array; b: Int32Array },
  axis: number,
  outShape: Shape,
  out: HostArray,
): boolean {
  const rank = outShape.length;
  const M = outShape[rank - 1]!;
  if (axis !== rank - 2 || M < 8 || out.length < STREAM_MIN_VALUES) return false;
  const P = sizeOf(outShape.slice(0, axis));
  const operands: StreamOperand[] = [];
  for (const x of inputs) {
    const shape = [...new Array<number>(rank - x.shape.length).fill(1), ...x.shape];
    const leading = shape.slice(0, axis);
    const perPoint = shape[axis]! * M;
    const pStride = leading.every((d, i) => d === outShape[i]) ? perPoint : leading.every((d) => d === 1) ? 0 : -1;
    if (pStride < 0 || shape[rank - 1] !== M) return false;
    operands.push({ buffer: x.buffer, strides: [pStride, shape[axis] === 1 ? 0 : M, 1] });
  }
  const streams = sharedWasmStreams();
  return streams !== null && streams.secondChain(operands as [StreamOperand, StreamOperand, StreamOperand?, StreamOperand?], pairs, P, M, out);
}
