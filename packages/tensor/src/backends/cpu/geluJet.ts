import type { BufferView, HostArray } from "../../backend.js";
import { Prim } from "../../primitives.js";
import { sizeOf, type Shape } from "../../shape.js";
import { binary } from "./elementwise.js";
import { geluStack } from "./geluStack.js";
import { broadcastTo } from "./movement.js";
import { secondChain } from "./secondChain.js";
import { sharedWasmStreams, STREAM_MIN_VALUES, type JetPlanes } from "./wasm/streams.js";

type View = BufferView<HostArray>;

/** A view of the same values with leading axes of length 1 up to `rank` (no copy). */
const padded = (t: View, rank: number): View => ({ ...t, shape: [...new Array<number>(rank - t.shape.length).fill(1), ...t.shape] });

/** Coefficients [count, ...s], s broadcasting to `shape`, seen with rank 1 + shape.length (no copy). */
const lined = (t: View, shape: Shape): View => ({ ...t, shape: [t.shape[0]!, ...padded({ ...t, shape: t.shape.slice(1) }, shape.length).shape] });

/**
 * A lined coefficient operand as planes of the N values of `shape`: whole
 * planes, or planes repeated along leading axes (coefficients shared by the
 * points: [count, 1, …, 1, ...tail]); null for other broadcasts.
 */
function planesOf(t: View, shape: Shape): JetPlanes | null {
  const rest = t.shape.slice(1);
  // The axes up to the last one that broadcasts must all broadcast (length 1).
  let lead = rest.length;
  while (lead > 0 && rest[lead - 1] === shape[lead - 1]) lead--;
  if (rest.slice(0, lead).some((d) => d !== 1)) return null;
  const period = sizeOf(shape.slice(lead));
  return { buffer: t.buffer, count: t.shape[0]!, plane: period, period };
}

/** A view's values broadcast to `shape`: its own buffer where it has that shape already. */
function filled(t: View, shape: Shape): HostArray {
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t.buffer;
  const out = new Float64Array(sizeOf(shape));
  broadcastTo(t, shape, out);
  return out;
}

/**
 * Exact GELU's Taylor coefficients to second order (Prim.GeluJet) into out
 * [1 + n + K, ...X]: the value G(x), then G′(x)·x₁[d], then
 * G″(x)·x₁[aₖ]·x₁[bₖ] (+ G′(x)·x₂[k]), G = GELU⁽ᵒʳᵈᵉʳ⁾. Large calls go
 * through the WebAssembly module block by block (`WasmStreams.geluJet`);
 * else G, G′ and G″ are stacked first and the coefficients formed by the
 * backend's product and second-chain kernels.
 */
export function geluJet(inputs: readonly View[], order: number, outShape: Shape, out: HostArray): void {
  const shape = outShape.slice(1);
  const N = sizeOf(shape);
  const [x, x1, x2] = [inputs[0]!, lined(inputs[1]!, shape), inputs[2] && lined(inputs[2], shape)];
  const xs = filled(padded(x, shape.length), shape);
  const first = planesOf(x1, shape),
    second = x2 ? planesOf(x2, shape) : null;
  const wasm = N >= STREAM_MIN_VALUES ? sharedWasmStreams() : null;
  if (wasm && first && (!x2 || second?.period === N) && wasm.geluJet(xs, first, second, order, out)) return;

  // G, G′ and G″ stacked, then the coefficients by the product and second-chain kernels.
  const n = x1.shape[0]!;
  const g = new Float64Array(3 * N);
  geluStack(xs, order, 3, g);
  const plane = (k: number): View => ({ buffer: g.subarray(k * N, (k + 1) * N), shape: [1, ...shape], dtype: "float64" });
  out.set(g.subarray(0, N));
  binary(Prim.Mul, plane(1), x1, [n, ...shape], out.subarray(N, (1 + n) * N));
  secondChain(x2 ? [plane(2), x1, plane(1), x2] : [plane(2), x1], 0, [(n * (n + 1)) / 2, ...shape], out.subarray((1 + n) * N));
}
