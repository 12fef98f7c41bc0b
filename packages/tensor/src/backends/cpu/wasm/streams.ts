/**
 * Elementwise kernels of the CPU backend in WebAssembly SIMD (`streamKernels.ts`),
 * for outputs seen as [P][J][M]: blocks of P are copied into the module's
 * memory, computed there in float64, and copied out, with `TypedArray.set`
 * only — which converts float32 operands and rounds a float32 output, as the
 * JavaScript kernels' float64 arithmetic and float32 stores do.
 * They pay where JavaScript is slowest: rows of a few hundred values with an
 * operand broadcast along some axis (a bias, the Taylor-mode coefficients of an
 * activation), which JavaScript walks at several nanoseconds a value.
 * A large call is split by points between this thread and its helpers
 * (`helpers.ts`) when they can reach the buffers that move with the points
 * (SharedArrayBuffers); each thread copies its own blocks in and out
 * (`plan.ts`), in its own place in the memory.
 */
import type { HostArray } from "../../../backend.js";
import { directionPairs } from "../../../primitives.js";
import { GELU_MAX_ORDER, GELU_VECTORS, geluName } from "./geluKernel.js";
import {
  defaultKernelThreads,
  runBlocks,
  runPlans,
  sharedWithHelpers,
  threadedInstance,
  type PlannedBlock,
  type ThreadedInstance,
} from "./helpers.js";
import { binaryName, streamModule, type BinaryForm, type StreamOp } from "./streamKernels.js";
import { PAGE, reserve } from "./memory.js";
import { PlanBuilder } from "./plan.js";
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

/**
 * Coefficient planes of `geluJet`: plane d holds `period` values at
 * buffer[d·plane …], repeated to the N values of x (period = N: not repeated).
 */
export interface JetPlanes {
  readonly buffer: HostArray;
  readonly count: number;
  readonly plane: number;
  readonly period: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/** The values of an operand that one point reads: from its offset to the last of them, plus one. */
function footprint({ strides: [, sJ, sM] }: StreamOperand, J: number, M: number): number {
  return (J - 1) * sJ + (M - 1) * sM + 1;
}

/**
 * Values of output below which a call stays on one thread: waking a helper
 * costs microseconds. Measured on two cores: a product (the cheapest kernel)
 * of 8192 values takes 0.8 of its one-thread time on two, one of 4096 up to
 * 1.5; a GELU stack of 3 × 4096 values 0.7.
 */
const THREAD_MIN_VALUES = 1 << 13;

/** One instance of the module and its memory. Not reentrant; each thread needs its own. */
export class WasmStreams {
  /** The module's functions, by name: their index in `fns`, which plans call them by. */
  private readonly index: ReadonlyMap<string, number>;
  /** The module here (its functions by index), its memory and helpers. */
  private readonly instance: ThreadedInstance;
  private readonly threads: number;
  private heap: Float64Array;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    /** Bytes of the operands and the output per block of points, in each thread. */
    private readonly blockBytes = 256 * 1024,
    /** Threads computing a call, this one included (default `defaultKernelThreads()`). */
    threads = defaultKernelThreads(),
  ) {
    const module = streamModule(1, maxBytes / PAGE);
    const instance = threadedInstance(module.bytes, maxBytes / PAGE, threads, module.names);
    this.index = new Map(module.names.map((name, i) => [name, i]));
    this.instance = instance;
    this.threads = instance.threads;
    this.heap = new Float64Array(this.instance.memory.buffer);
  }

  /** How many threads can share a call producing `values` whose buffers are `buffers`: 1 unless the helpers can reach them all. */
  private threadsFor(values: number, buffers: readonly HostArray[], most: number): number {
    return buffers.every(sharedWithHelpers) ? this.splitFor(values, most) : 1;
  }

  /** How many threads a call producing `values` is worth, at most `most`, whoever copies for them. */
  private splitFor(values: number, most: number): number {
    if (!this.instance.helpers) return 1;
    return Math.max(1, Math.min(this.threads, most, Math.floor(values / THREAD_MIN_VALUES)));
  }

  /** out[p][j][i] = a op b, out contiguous [P][J][M]. */
  binary(op: StreamOp, a: StreamOperand, b: StreamOperand, P: number, J: number, M: number, out: HostArray): boolean {
    const splat = (x: StreamOperand) => x.strides[2] === 0 && M > 1;
    // Both one value a row: a view with more rows (M = 1) is the one to give.
    if (splat(a) && splat(b)) return false;
    const form: BinaryForm = splat(a) ? "sv" : splat(b) ? "vs" : "vv";
    return this.stream([a, b], [footprint(a, J, M), footprint(b, J, M)], P, J * M, out, binaryName(op, form), (at, rows, outAt) => [
      at[0]!,
      a.strides[0] * F64,
      a.strides[1] * F64,
      at[1]!,
      b.strides[0] * F64,
      b.strides[1] * F64,
      outAt,
      rows,
      J,
      M,
    ]);
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
    return this.stream(
      operands,
      feet,
      P,
      K * M,
      out,
      g1 && x2 ? "second_chain" : "second_chain_pure",
      (at, rows, outAt) =>
        g1 && x2
          ? [at[0]!, g2.strides[0] * F64, at[1]!, x1.strides[0] * F64, at[2]!, g1.strides[0] * F64, at[3]!, x2.strides[0] * F64, outAt, rows, 0, K, M]
          : [at[0]!, g2.strides[0] * F64, at[1]!, x1.strides[0] * F64, outAt, rows, 0, K, M],
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
    const fn = this.index.get(geluName(order, count))!;
    const n = x.length;
    // Thread t takes values [start(t), start(t + 1)), even offsets keeping the vectors aligned.
    const threads = this.threadsFor(count * n, [x, out], Math.ceil(n / 2));
    const start = (t: number) => (t === threads ? n : 2 * Math.floor((t * n) / threads / 2));
    // Blocks of an even number of values; each order's block is followed by room for what the kernel reads and writes past a block's end.
    const block = Math.max(2, Math.min(start(1) + 1, 2 * Math.floor(this.blockBytes / F64 / (1 + count) / 2)));
    const plane = block + 2 * GELU_VECTORS;
    // Memory: [thread 0: a block of x, then each order's][thread 1: …].
    const region = (1 + count) * plane;
    this.heap = reserve(this.instance.memory, this.heap, threads * region * F64);
    const plans = Array.from({ length: threads }, (_, t) => {
      const plan = new PlanBuilder();
      const xSlot = t * region,
        outSlot = xSlot + plane;
      for (let i0 = start(t); i0 < start(t + 1); i0 += block) {
        const m = Math.min(block, start(t + 1) - i0);
        plan.in(0, i0, m, xSlot).call(fn, [xSlot * F64, outSlot * F64, m, plane * F64]);
        for (let j = 0; j < count; j++) plan.out(1, j * n + i0, m, outSlot + j * plane);
      }
      return plan.build();
    });
    runPlans(this.instance, this.heap, plans, [x, out]);
    return true;
  }

  /**
   * Exact GELU's Taylor coefficients to second order (Prim.GeluJet), as
   * planes of N = x.length values: out plane 0 = G(x), 1 + d = G′(x)·x₁[d],
   * 1 + n + k = G″(x)·x₁[aₖ]·x₁[bₖ] (+ G′(x)·x₂[k]), G = GELU⁽ᵒʳᵈᵉʳ⁾. Each
   * block of values goes through the module once: G, G′ and G″ by the GELU
   * kernel into scratch planes, then the coefficients by the product and
   * second-chain kernels, all in the memory, and only x, the coefficients in
   * and the planes out cross it. x₁'s planes may repeat with a period that
   * divides N (coefficients shared by the points): the repeated pattern is
   * copied in once. False, with nothing done, for orders past the module's
   * or a period too long for the memory.
   */
  geluJet(x: HostArray, x1: JetPlanes, x2: JetPlanes | null, order: number, out: HostArray): boolean {
    if (order + 2 > GELU_MAX_ORDER) return false;
    const N = x.length,
      n = x1.count,
      { a, b } = directionPairs(n),
      K = a.length;
    if (x2 && (x2.period !== N || x2.count !== K)) return false;
    const shared = x1.period !== N;
    // Buffers of the plans: x, then x₁ and x₂ where they move with the values, then out.
    const buffers = [x, ...(shared ? [] : [x1.buffer]), ...(x2 ? [x2.buffer] : []), out];
    const x1Buffer = shared ? -1 : 1,
      x2Buffer = shared ? 1 : 2,
      outBuffer = buffers.length - 1;
    // Blocks hold whole periods of x₁ and a multiple of the GELU kernel's four values, so that no kernel writes past a plane.
    const unit = lcm(2 * GELU_VECTORS, shared ? x1.period : 1);
    const threads = this.splitFor(N * (1 + n + K), Math.ceil(N / unit));
    // Where this thread copies for the helpers, the threads meet once a block: larger blocks, fewer meetings.
    const copiesHere = threads > 1 && !buffers.every(sharedWithHelpers);
    const planes = 1 + 3 + (shared ? 0 : n) + (x2 ? K : 0) + n + K;
    const block = unit * Math.max(1, Math.floor(((copiesHere ? 8 : 1) * this.blockBytes) / F64 / planes / unit));
    const tableBytes = Math.ceil((2 * K * 4) / 16) * 16;
    const fixedSlot = tableBytes / F64;
    const regionStart = fixedSlot + (shared ? n * block : 0);
    if ((regionStart + threads * planes * block) * F64 > this.maxBytes) return false;
    this.heap = reserve(this.instance.memory, this.heap, (regionStart + threads * planes * block) * F64);
    const heap = this.heap;
    // The pairs as byte offsets of x₁'s planes, which lie `block` values apart wherever they are.
    const table = new Int32Array(heap.buffer, 0, 2 * K);
    for (let k = 0; k < K; k++) [table[2 * k], table[2 * k + 1]] = [a[k]! * block * F64, b[k]! * block * F64];
    if (shared) {
      for (let d = 0; d < n; d++) {
        const pattern = x1.buffer.subarray(d * x1.plane, d * x1.plane + x1.period);
        for (let at = 0; at < block; at += x1.period) heap.set(pattern, fixedSlot + d * block + at);
      }
    }
    const start = (t: number) => (t === threads ? N : unit * Math.floor((t * Math.ceil(N / unit)) / threads));
    const gelu = this.index.get(geluName(order, 3))!,
      product = this.index.get(binaryName("mul", "vv"))!,
      chain = this.index.get(x2 ? "second_chain" : "second_chain_pure")!;
    const blocks = Array.from({ length: threads }, (_, t) => {
      // Thread t's region: x, G⁽⁰⁾…G⁽²⁾, x₁ and x₂ where they move, then the first and the second coefficients out; a plane a block.
      let slot = regionStart + t * planes * block;
      const take = (count: number) => {
        const at = slot;
        slot += count * block;
        return at;
      };
      const [xs, gs] = [take(1), take(3)];
      const x1s = shared ? fixedSlot : take(n),
        x2s = x2 ? take(K) : -1;
      const [o1, o2] = [take(n), take(K)];
      const [g1, g2] = [(gs + block) * F64, (gs + 2 * block) * F64];
      const list: PlannedBlock[] = [];
      for (let i0 = start(t); i0 < start(t + 1); i0 += block) {
        const m = Math.min(block, start(t + 1) - i0);
        list.push({
          copyIn: (plan) => {
            plan.in(0, i0, m, xs);
            if (!shared) for (let d = 0; d < n; d++) plan.in(x1Buffer, d * x1.plane + i0, m, x1s + d * block);
            if (x2) for (let k = 0; k < K; k++) plan.in(x2Buffer, k * x2.plane + i0, m, x2s + k * block);
          },
          // Whole blocks every time (a short last block computes on what the block before left): planes stay `block` apart.
          compute: (plan) =>
            plan
              .call(gelu, [xs * F64, gs * F64, block, block * F64])
              .call(product, [g1, 0, 0, x1s * F64, 0, block * F64, o1 * F64, 1, n, block])
              .call(
                chain,
                x2 ? [g2, 0, x1s * F64, 0, g1, 0, x2s * F64, 0, o2 * F64, 1, 0, K, block] : [g2, 0, x1s * F64, 0, o2 * F64, 1, 0, K, block],
              ),
          copyOut: (plan) => {
            plan.out(outBuffer, i0, m, gs);
            for (let d = 0; d < n; d++) plan.out(outBuffer, (1 + d) * N + i0, m, o1 + d * block);
            for (let k = 0; k < K; k++) plan.out(outBuffer, (1 + n + k) * N + i0, m, o2 + k * block);
          },
        });
      }
      return list;
    });
    runBlocks(this.instance, heap, blocks, buffers);
    return true;
  }

  /**
   * Runs the module's function `fn` over blocks of points, with the arguments
   * `args` gives: each operand that moves with the point (`feet[k]` values
   * from its offset hold what a point reads) copied in block by block, each
   * broadcast one once, the output (`perPoint` values a point) copied out
   * after each block. `at` are the operands' byte addresses for the block's
   * first point. The points are split between the threads, each with its own
   * place for its blocks. False, with nothing done, when one point does not
   * fit in the memory.
   */
  private stream(
    operands: readonly StreamOperand[],
    feet: readonly number[],
    P: number,
    perPoint: number,
    out: HostArray,
    fn: string,
    args: (at: number[], rows: number, outAt: number) => number[],
    header: { bytes: number; write: (heap: Float64Array) => void } = { bytes: 0, write: () => {} },
  ): boolean {
    const moving = operands.map((x) => x.strides[0] !== 0 && P > 1);
    const fixedValues = feet.reduce((acc, f, k) => acc + (moving[k] ? 0 : f + SLACK + 1), 0);
    const valuesPerPoint = perPoint + operands.reduce((acc, x, k) => acc + (moving[k] ? x.strides[0] : 0), 0);
    const extra = feet.reduce((acc, f, k) => acc + (moving[k] ? f + SLACK + 1 : 0), 0) + perPoint + SLACK + 1;
    const room = (this.maxBytes - header.bytes) / F64 - fixedValues;
    if (room < valuesPerPoint + extra) return false;
    const movingBuffers = operands.filter((_, k) => moving[k]).map((x) => x.buffer);
    const threads = Math.min(this.threadsFor(P * perPoint, [...movingBuffers, out], P), Math.floor(room / (valuesPerPoint + extra)));
    // Thread t takes points [start(t), start(t + 1)), in blocks of about blockBytes, but never less than a point.
    const start = (t: number) => Math.floor((t * P) / threads);
    const block = Math.max(1, Math.min(start(1), Math.floor((Math.min(this.blockBytes / F64, room / threads) - extra) / valuesPerPoint)));
    // Memory: [header][fixed operands][thread 0: its moving operands, a block each, then the output's block][thread 1: …], 16-byte aligned.
    const even = (v: number) => v + (v % 2);
    let at = header.bytes / F64;
    const fixedSlots = operands.map((_, k) => {
      if (moving[k]) return -1;
      const slot = at;
      at = even(at + feet[k]! + SLACK);
      return slot;
    });
    const regionStart = at;
    const movingSlots = operands.map((x, k) => {
      if (!moving[k]) return -1;
      const slot = at - regionStart;
      at = even(at + (block - 1) * x.strides[0] + feet[k]! + SLACK);
      return slot;
    });
    const outOffset = at - regionStart;
    const region = even(outOffset + block * perPoint + SLACK);
    this.heap = reserve(this.instance.memory, this.heap, (regionStart + threads * region) * F64);
    const heap = this.heap;
    header.write(heap);
    operands.forEach((x, k) => moving[k] || heap.set(x.buffer.subarray(0, feet[k]), fixedSlots[k]));
    // Plans name the moving operands' buffers 0, 1, … and the output's last.
    const bufferOf = operands.map((_, k) => moving.slice(0, k).filter(Boolean).length);
    const outBuffer = movingBuffers.length;
    const fnIndex = this.index.get(fn)!;
    const plans = Array.from({ length: threads }, (_, t) => {
      const plan = new PlanBuilder();
      const base = regionStart + t * region;
      const addresses = operands.map((_, k) => (moving[k] ? base + movingSlots[k]! : fixedSlots[k]!) * F64);
      for (let p0 = start(t); p0 < start(t + 1); p0 += block) {
        const rows = Math.min(block, start(t + 1) - p0);
        operands.forEach((x, k) => {
          if (moving[k]) plan.in(bufferOf[k]!, p0 * x.strides[0], (rows - 1) * x.strides[0] + feet[k]!, base + movingSlots[k]!);
        });
        plan.call(fnIndex, args(addresses, rows, (base + outOffset) * F64));
        plan.out(outBuffer, p0 * perPoint, rows * perPoint, base + outOffset);
      }
      return plan.build();
    });
    runPlans(this.instance, this.heap, plans, [...movingBuffers, out]);
    return true;
  }
}

let shared: WasmStreams | null | undefined;

/** The instance the CPU backend uses, made on first call; null where WebAssembly SIMD is missing. */
export function sharedWasmStreams(): WasmStreams | null {
  shared ??= simdSupported() ? new WasmStreams() : null;
  return shared;
}
