import type { Aval } from "../../abstract.js";
import type { Backend, BufferView, HostArray } from "../../backend.js";
import {
  binaryPrims,
  comparePrims,
  Prim,
  ruleFamily,
  unaryPrims,
  type BinaryPrim,
  type ComparePrim,
  type PrimParams,
  type UnaryPrim,
} from "../../primitives.js";
import { sizeOf } from "../../shape.js";
import { newBuffer, SHARED_MAX_VALUES } from "./buffers.js";
import { HostBufferPool, pooledBuffer } from "./pool.js";
import { binary, gelu, unary, where } from "./elementwise.js";
import { geluJet } from "./geluJet.js";
import { geluStack } from "./geluStack.js";
import { matmul } from "./matmul.js";
import { broadcastTo, concat, indexAdd, pad, slice, take, takenBlock, transpose } from "./movement.js";
import { reduceSum } from "./reduce.js";
import { secondChain } from "./secondChain.js";

type V = BufferView<HostArray>;
type Kernel<P extends Prim> = (inputs: readonly V[], params: PrimParams[P], out: Aval) => HostArray;

interface OutputNeeds {
  /** Outputs up to this many values lie in SharedArrayBuffers (see `newBuffer`). */
  sharedMax?: number;
  /** The kernel adds into its output, or leaves parts of it as they are: it must start zero-filled even when it comes from a pool. */
  fromZeros?: boolean;
}

/**
 * A kernel writing into its output: from the supplying pool (written over
 * whole, so not zeroed again unless the kernel needs it), else fresh and
 * zero-filled. Inputs of the other dtype are read through the output's type.
 */
const into =
  <P extends Prim>(fill: (inputs: readonly V[], params: PrimParams[P], out: Aval, result: HostArray) => void, needs: OutputNeeds = {}): Kernel<P> =>
  (inputs, params, out) => {
    const size = sizeOf(out.shape);
    const result = pooledBuffer(out.dtype, size, needs.fromZeros ?? false) ?? newBuffer(out.dtype, size, needs.sharedMax);
    fill(inputs, params, out, result);
    return result;
  };

const takeInto = into<Prim.Take>(([x], params, _, r) => take(x!, params, r));

const kernels: { [P in Prim]: Kernel<P> } = {
  ...ruleFamily(unaryPrims, (p) => into<UnaryPrim>(([x], _, __, r) => unary(p, x!.buffer, r))),
  ...ruleFamily([...binaryPrims, ...comparePrims], (p) => into<BinaryPrim | ComparePrim>(([a, b], _, out, r) => binary(p, a!, b!, out.shape, r))),
  [Prim.Gelu]: into(([x], { approximate, order }, __, r) => gelu(x!.buffer, approximate, order, r)),
  [Prim.GeluStack]: into(([x], { order, count }, __, r) => geluStack(x!.buffer, order, count, r)),
  [Prim.Where]: into(([c, x, y], _, out, r) => where(c!, x!, y!, out.shape, r)),
  [Prim.Cast]: into(([x], _, __, r) => r.set(x!.buffer)),
  // Buffers are immutable, so a reshape shares its input's.
  [Prim.Reshape]: ([x]) => x!.buffer,
  [Prim.BroadcastTo]: into(([x], _, out, r) => broadcastTo(x!, out.shape, r)),
  [Prim.Transpose]: into(([x], params, out, r) => transpose(x!, params, out.shape, r)),
  [Prim.Concat]: into((xs, { axis }, out, r) => concat(xs, axis, out.shape, r)),
  [Prim.Slice]: into(([x], params, out, r) => slice(x!, params, out.shape, r)),
  [Prim.Pad]: into(([x], params, out, r) => pad(x!, params, out.shape, r), { fromZeros: true }),
  // The Taylor-mode rules split stacked coefficients apart with takes: a block is shared, not copied.
  [Prim.Take]: (inputs, params, out) => {
    const block = takenBlock(inputs[0]!.shape, params);
    return block ? inputs[0]!.buffer.subarray(...block) : takeInto(inputs, params, out);
  },
  [Prim.IndexAdd]: into(([x], params, _, r) => indexAdd(x!, params, r), { fromZeros: true }),
  [Prim.ReduceSum]: into(([x], { axes }, _, r) => reduceSum(x!, axes, r), { fromZeros: true }),
  // A bias row and scales of A's rows only come from a jitted program (see `Backend.matmulBias`, `Backend.matmulScale`).
  [Prim.Matmul]: into((xs, { scalePeriod }, __, r) => {
    const scale = scalePeriod === undefined ? undefined : { buffer: xs[xs.length - 1]!.buffer, period: scalePeriod };
    const bias = xs.length === (scale ? 4 : 3) ? xs[2]!.buffer : undefined;
    matmul(xs[0]!, xs[1]!, r, bias, scale);
  }),
  [Prim.SecondChain]: into((xs, { axis }, out, r) => secondChain(xs, axis, out.shape, r)),
  // A stack of 1 + n + n(n+1)/2 planes, each an ordinary buffer's worth: shared up to a few of those, so that its kernel, and those reading its parts, split between threads.
  [Prim.GeluJet]: into((xs, { order }, out, r) => geluJet(xs, order, out.shape, r), { sharedMax: 4 * SHARED_MAX_VALUES }),
};

/** The reference backend: float64 (or float32) typed arrays and plain loops on the main thread. */
export const cpu: Backend<HostArray> = {
  name: "cpu",
  fromHost: (data, dtype) => {
    const buffer = newBuffer(dtype, data.length);
    buffer.set(data);
    return buffer;
  },
  toHost: (buffer, dtype) => (dtype === "float64" ? Float64Array.from(buffer) : Float32Array.from(buffer)),
  run: (prim, inputs, params, out) => (kernels[prim] as Kernel<typeof prim>)(inputs, params, out),
  newPool: () => new HostBufferPool(),
  matmulBias: true,
  matmulScale: true,
};
