/**
 * Elementwise kernels of the CPU backend in WebAssembly SIMD (`streamKernels.ts`),
 * for outputs seen as [P][J][M]: blocks of P are copied into the module's
 * memory, computed there in float64, and copied out, with `TypedArray.set`
 * only — which converts float32 operands and rounds a float32 output, as the
 * JavaScript kernels' float64 arithmetic and float32 stores do.
 * They pay where JavaScript is slowest: rows of a few hundred values with an
 * operand broadcast along some axis (a bias, the Taylor-mode coefficients of an
 * activation), which JavaScript walks at several nanoseconds a value.
 */
import type { HostArray } from "../../../backend.js";
import { EXP_NEG_SQUARE_16 } from "../erf.js";
import { GELU_MAX_ORDER, geluName, geluVariants } from "./geluKernel.js";
import { defaultKernelThreads, threadedInstance, type WasmHelpers } from "./helpers.js";
import { binaryName, streamModuleBytes, type BinaryForm, type StreamOp } from "./streamKernels.js";
import { PAGE, reserve } from "./memory.js";
import { simdSupported } from "./simd.js";

const F64 = 8;
/** Below this many values, copying through the module costs more than it saves. */
export const STREAM_MIN_VALUES = 4096;
/** Room after each operand and the output for the value a row of odd length reads or writes past its end. */
const SLACK = 2;

/** An operand: its buffer and its strides, in values, along P, J and M (0 where it is broadcast). */
export interface StreamOperand {
  readonly buffer: HostArray;
  readonly strides: readonly [number, number, number];
}

type Kernel = (...args: number[]) => void;

/** The values of an operand that one point reads: from its offset to the last of them, plus one. */
function footprint({ strides: [, sJ, sM] }: StreamOperand, J: number, M: number): number {
  return (J - 1) * sJ + (M - 1) * sM + 1;
}

/** Values of GELU's stack below which a block stays on one thread: waking a helper costs microseconds. */
const GELU_THREAD_MIN_VALUES = 2048;

/** One instance of the module and its memory. Not reentrant; each thread needs its own. */
export class WasmStreams {
  private readonly exports: Record<string, Kernel>;
  private readonly memory: WebAssembly.Memory;
  /** Helper threads for the GELU stacks, the one kernel here that computes more than it copies, and the indices of those functions. */
  private readonly helpers: { readonly pool: WasmHelpers; readonly gelu: ReadonlyMap<string, number> } | null;
  private readonly threads: number;
  private heap: Float64Array;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    /** Bytes of the operands and the output per block of points (per thread, for GELU's stack). */
    private readonly blockBytes = 256 * 1024,
    /** Threads computing GELU's stacks, this one included (default `defaultKernelThreads()`). */
    threads = defaultKernelThreads(),
  ) {
    const names = geluVariants().map(([order, count]) => geluName(order, count));
    const instance = threadedInstance<Record<string, Kernel>>((shared) => streamModuleBytes(1, maxBytes / PAGE, shared), maxBytes / PAGE, threads, names);
    const { helpers: pool, module } = instance;
    this.exports = instance.exports;
    this.memory = instance.memory;
    this.helpers = pool && { pool, gelu: new Map(names.map((name) => [name, pool.fn(module, name)])) };
    this.threads = instance.threads;
    this.heap = new Float64Array(this.memory.buffer);
  }

  /** out[p][j][i] = a op b, out contiguous [P][J][M]. */
  binary(op: StreamOp, a: StreamOperand, b: StreamOperand, P: number, J: number, M: number, out: HostArray): boolean {
    const splat = (x: StreamOperand) => x.strides[2] === 0 && M > 1;
    // Both one value a row: a view with more rows (M = 1) is the one to give.
    if (splat(a) && splat(b)) return false;
    const form: BinaryForm = splat(a) ? "sv" : splat(b) ? "vs" : "vv";
    const kernel = this.exports[binaryName(op, form)]!;
    return this.stream([a, b], [footprint(a, J, M), footprint(b, J, M)], P, J * M, out, (at, rows, outAt) =>
      kernel(at[0]!, a.strides[0] * F64, a.strides[1] * F64, at[1]!, b.strides[0] * F64, b.strides[1] * F64, outAt, rows, J, M),
    );
  }

  /**
   * out[p][k] = g1[p]·x2[p][k] + g2[p]·x1[p][aₖ]·x1[p][bₖ] for the K pairs (aₖ, bₖ),
   * without the first term when g1 and x2 are absent; g2 and g1 are one row a point.
   */
  secondChain(
    [g2, x1, g1, x2]: readonly [StreamOperand, StreamOperand, StreamOperand?, StreamOperand?],
    pairs: { a: Int32Array; b: Int32Array },
    P: number,
    M: number,
    out: HostArray,
  ): boolean {
    const K = pairs.a.length;
    // The pairs table first: each pair's rows of x1 as byte offsets into a point's x1.
    const table = new Int32Array(2 * K);
    for (let k = 0; k < K; k++) {
      table[2 * k] = pairs.a[k]! * x1.strides[1] * F64;
      table[2 * k + 1] = pairs.b[k]! * x1.strides[1] * F64;
    }
    const tableBytes = Math.ceil((table.length * 4) / 16) * 16;
    const operands = g1 && x2 ? [g2, x1, g1, x2] : [g2, x1];
    // A point's g2 and g1 are a row, its x1 a row a direction, its x2 a row a pair.
    const directions = K === 0 ? 0 : pairs.b[K - 1]! + 1;
    const feet = [M, directions * M, M, K * M].slice(0, operands.length);
    const { second_chain: full, second_chain_pure: pure } = this.exports;
    return this.stream(
      operands,
      feet,
      P,
      K * M,
      out,
      (at, rows, outAt) =>
        g1 && x2
          ? full!(
              at[0]!,
              g2.strides[0] * F64,
              at[1]!,
              x1.strides[0] * F64,
              at[2]!,
              g1.strides[0] * F64,
              at[3]!,
              x2.strides[0] * F64,
              outAt,
              rows,
              0,
              K,
              M,
            )
          : pure!(at[0]!, g2.strides[0] * F64, at[1]!, x1.strides[0] * F64, outAt, rows, 0, K, M),
      { bytes: tableBytes, write: (heap) => new Int32Array(heap.buffer, 0, table.length).set(table) },
    );
  }

  /**
   * GELU⁽ᵏ⁾(x) for k = order … order + count − 1 into out[(k − order)·n + i], as
   * `geluStack.ts` computes it (within 2 ulp: the exponential is the module's own).
   * False, with nothing done, for orders past GELU_MAX_ORDER.
   */
  geluStack(x: HostArray, order: number, count: number, out: HostArray): boolean {
    if (order + count - 1 > GELU_MAX_ORDER || count < 1) return false;
    const name = geluName(order, count);
    const n = x.length;
    const tableBytes = EXP_NEG_SQUARE_16.length * F64;
    // Blocks of an even number of values; each order's block is followed by room for what an odd last block writes past it.
    const block = Math.max(2, Math.min(n + (n % 2), 2 * Math.floor((this.threads * this.blockBytes) / F64 / (1 + count) / 2)));
    const plane = block + SLACK;
    const xSlot = Math.ceil(tableBytes / 16) * 2;
    const outSlot = xSlot + plane;
    this.heap = reserve(this.memory, this.heap, (outSlot + count * plane) * F64);
    const heap = this.heap;
    heap.set(EXP_NEG_SQUARE_16, 0);
    for (let i0 = 0; i0 < n; i0 += block) {
      const m = Math.min(block, n - i0);
      heap.set(x.subarray(i0, i0 + m), xSlot);
      // Thread t takes values [start(t), start(t + 1)), even offsets keeping the vectors aligned; this one takes part 0.
      const { helpers } = this;
      const parts = helpers ? Math.max(1, Math.min(this.threads, Math.floor(m / GELU_THREAD_MIN_VALUES))) : 1;
      const start = (t: number) => (t === parts ? m : 2 * Math.floor((t * m) / parts / 2));
      const part = (t: number) => [(xSlot + start(t)) * F64, (outSlot + start(t)) * F64, start(t + 1) - start(t), plane * F64, 0];
      if (parts === 1 || !helpers) this.exports[name]!(...part(0));
      else {
        const fn = helpers.gelu.get(name)!;
        helpers.pool.run(Array.from({ length: parts - 1 }, (_, h) => ({ fn, args: part(h + 1) })), () => this.exports[name]!(...part(0)));
      }
      for (let j = 0; j < count; j++) out.set(heap.subarray(outSlot + j * plane, outSlot + j * plane + m), j * n + i0);
    }
    return true;
  }

  /**
   * Runs `kernel` over blocks of points: each operand that moves with the
   * point (`feet[k]` values from its offset hold what a point reads) copied
   * in block by block, each broadcast one once, the output (`perPoint` values
   * a point) copied out after each block. `at` are the operands' byte
   * addresses for the block's first point. False, with nothing done, when one
   * point does not fit in the memory.
   */
  private stream(
    operands: readonly StreamOperand[],
    feet: readonly number[],
    P: number,
    perPoint: number,
    out: HostArray,
    kernel: (at: number[], rows: number, outAt: number) => void,
    header: { bytes: number; write: (heap: Float64Array) => void } = { bytes: 0, write: () => {} },
  ): boolean {
    const moving = operands.map((x) => x.strides[0] !== 0 && P > 1);
    const fixedValues = feet.reduce((acc, f, k) => acc + (moving[k] ? 0 : f + SLACK), 0);
    const valuesPerPoint = perPoint + operands.reduce((acc, x, k) => acc + (moving[k] ? x.strides[0] : 0), 0);
    const room = (this.maxBytes - header.bytes) / F64 - fixedValues;
    const extra = feet.reduce((acc, f, k) => acc + (moving[k] ? f + SLACK : 0), 0) + perPoint + SLACK;
    if (room < valuesPerPoint + extra) return false;
    // About blockBytes a block, but never less than a point.
    const block = Math.max(1, Math.min(P, Math.floor((Math.min(this.blockBytes / F64, room) - extra) / valuesPerPoint)));
    // Memory: [header][fixed operands][moving operands, a block each][the output's block].
    const slots: number[] = [];
    let at = header.bytes / F64;
    operands.forEach((x, k) => {
      slots.push(at);
      at += (moving[k] ? (block - 1) * x.strides[0] : 0) + feet[k]! + SLACK;
      at += at % 2; // 16-byte aligned
    });
    const outSlot = at;
    this.heap = reserve(this.memory, this.heap, (outSlot + block * perPoint + SLACK) * F64);
    const heap = this.heap;
    header.write(heap);
    operands.forEach((x, k) => moving[k] || heap.set(x.buffer.subarray(0, feet[k]), slots[k]));
    const addresses = slots.map((s) => s * F64);
    for (let p0 = 0; p0 < P; p0 += block) {
      const rows = Math.min(block, P - p0);
      operands.forEach((x, k) => {
        if (!moving[k]) return;
        const from = p0 * x.strides[0];
        heap.set(x.buffer.subarray(from, from + (rows - 1) * x.strides[0] + feet[k]!), slots[k]);
      });
      kernel(addresses, rows, outSlot * F64);
      out.set(heap.subarray(outSlot, outSlot + rows * perPoint), p0 * perPoint);
    }
    return true;
  }
}

let shared: WasmStreams | null | undefined;

/** The instance the CPU backend uses, made on first call; null where WebAssembly SIMD is missing. */
export function sharedWasmStreams(): WasmStreams | null {
  shared ??= simdSupported() ? new WasmStreams() : null;
  return shared;
}
