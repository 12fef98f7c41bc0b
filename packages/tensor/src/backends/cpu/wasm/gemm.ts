/**
 * C[m×n] = A[m×k] · B[k×n] in float64 through the WebAssembly SIMD module of
 * `kernel.ts`. The module computes in its own memory, so a product is copied
 * through it, with `TypedArray.set` only (a memory copy):
 *
 *   for each block of columns of B (all of them unless B is very large):
 *     B's columns in, packed into panels by the module;
 *     for each block of rows: A's rows in, C = A·B, C's rows out.
 *
 * Blocks of rows hold about `blockBytes` of A and C, so that they are still
 * in cache when the kernel reads them and when they are copied back; the
 * memory never grows past `maxBytes`. The rows of a large product are split
 * between this thread and its helpers (`helpers.ts`), each with its own
 * place in the (shared) memory. When A and C lie in SharedArrayBuffers, as
 * the CPU backend's buffers up to a size do where it has helpers, each thread
 * runs the whole loop over its rows (`plan.ts`), copies included; else this
 * thread copies every thread's block in and out, and the threads meet for
 * each block's products.
 */
import type { HostArray } from "../../../backend.js";
import { defaultKernelThreads, runBlocks, threadedInstance, type PlannedBlock, type ThreadedInstance } from "./helpers.js";
import { GEMM_SHAPE, gemmModuleBytes, type KernelShape } from "./kernel.js";
import { PAGE, reserve } from "./memory.js";
import type { PlanBuilder } from "./plan.js";
import { relaxedSimdSupported, simdSupported } from "./simd.js";

const F64 = 8;

export interface WasmGemmOptions {
  /** Upper bound on the module's memory in bytes, a multiple of 64 KiB (default 64 MiB). */
  readonly maxBytes?: number;
  /** Bytes of A and C copied per block of rows (default 256 KiB; at least one micro-kernel block is copied). */
  readonly blockBytes?: number;
  /** The micro-kernel's block of C (default `GEMM_SHAPE`, 4×4). */
  readonly shape?: KernelShape;
  /**
   * Fused multiply-adds in the inner loop (default: where the engine has relaxed
   * SIMD): about twice the speed, and values that may differ from the
   * JavaScript kernel's in the last bits (each step rounds once, not twice).
   */
  readonly fusedMultiplyAdd?: boolean;
  /**
   * Threads computing each product, this one included (default
   * `defaultKernelThreads()`: the cores, on Node's main thread; else 1). More
   * than 1 needs helper threads (Node 20.16+), else it falls back to 1.
   */
  readonly threads?: number;
}

/**
 * Multiplies each thread must have for a product to be split: waking a helper
 * costs microseconds. Measured on two cores, m×100×100: two threads take the
 * time of one at m = 26 (2.6·10⁵ multiplies), 0.8 of it at m = 64, 0.6 from m = 200.
 */
const THREAD_MIN_MULTIPLIES = 1 << 17;
/** The module's functions, in the order plans call them by. */
const FUNCTIONS = ["gemm", "pack", "add_rows", "mul_rows"];
const GEMM = FUNCTIONS.indexOf("gemm"),
  PACK = FUNCTIONS.indexOf("pack"),
  ADD_ROWS = FUNCTIONS.indexOf("add_rows"),
  MUL_ROWS = FUNCTIONS.indexOf("mul_rows");

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * A's rows scaled value by value before the product: row i times row
 * ⌊i / period⌋ of the k values a row at `buffer[offset …]` (under `jvp`, each
 * point's `period` tangents times its activation's derivative).
 */
export interface RowScale {
  readonly buffer: HostArray;
  readonly offset: number;
  readonly period: number;
}

/** One instance of the GEMM module and its memory. Not reentrant; each thread needs its own. */
export class WasmGemm {
  readonly maxBytes: number;
  readonly blockBytes: number;
  readonly fusedMultiplyAdd: boolean;
  /** Threads computing each product, this one included. */
  readonly threads: number;
  /** Rows and columns of a micro-kernel block. */
  private readonly rows: number;
  private readonly panel: number;
  /** The module here (its FUNCTIONS), its memory and helpers. */
  private readonly instance: ThreadedInstance;
  private heap: Float64Array;

  constructor({
    maxBytes = 64 * 1024 * 1024,
    blockBytes = 256 * 1024,
    shape = GEMM_SHAPE,
    fusedMultiplyAdd = relaxedSimdSupported(),
    threads = defaultKernelThreads(),
  }: WasmGemmOptions = {}) {
    if (!Number.isInteger(maxBytes / PAGE) || maxBytes < PAGE || maxBytes > 2 ** 31) {
      throw new RangeError(`WasmGemm: maxBytes must be a multiple of 65536 from 65536 to 2^31, got ${maxBytes}`);
    }
    if (!(blockBytes > 0)) throw new RangeError(`WasmGemm: blockBytes must be positive, got ${blockBytes}`);
    if (!(Number.isInteger(shape.rows) && shape.rows >= 1 && Number.isInteger(shape.vectors) && shape.vectors >= 1)) {
      throw new RangeError(`WasmGemm: shape must have integer rows and vectors >= 1, got ${JSON.stringify(shape)}`);
    }
    if (shape.rows * 2 * shape.vectors * F64 > maxBytes / 4) {
      throw new RangeError(`WasmGemm: a ${shape.rows}×${2 * shape.vectors} block of C needs more than a quarter of maxBytes = ${maxBytes}`);
    }
    if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`WasmGemm: threads must be an integer >= 1, got ${threads}`);
    if (fusedMultiplyAdd && !relaxedSimdSupported())
      throw new Error("WasmGemm: fusedMultiplyAdd needs WebAssembly relaxed SIMD, which this engine lacks");
    this.maxBytes = maxBytes;
    this.blockBytes = blockBytes;
    this.fusedMultiplyAdd = fusedMultiplyAdd;
    this.rows = shape.rows;
    this.panel = 2 * shape.vectors;
    const instance = threadedInstance(
      (shared) => gemmModuleBytes(1, maxBytes / PAGE, { shape, fused: fusedMultiplyAdd, shared }),
      maxBytes / PAGE,
      threads,
      FUNCTIONS,
    );
    this.instance = instance;
    this.threads = instance.threads;
    this.heap = new Float64Array(this.instance.memory.buffer);
  }

  /** The module's memory now, in bytes (it only grows, up to `maxBytes`). */
  get memoryBytes(): number {
    return this.instance.memory.buffer.byteLength;
  }

  /**
   * Whether products with inner dimension `k` fit in `maxBytes`: one panel of
   * B, and one micro-kernel block of A, each in a quarter of it; with A's rows
   * scaled with period `scalePeriod`, a block of whole periods of A and their
   * scales in that quarter.
   */
  accepts(k: number, scalePeriod?: number): boolean {
    const rows = scalePeriod === undefined ? this.rows : this.unit(scalePeriod) * (1 + 1 / scalePeriod);
    return k * Math.max(this.panel, rows) * F64 <= this.maxBytes / 4;
  }

  /** The rows that blocks of A hold a multiple of: micro-kernel blocks, and whole periods of a scale. */
  private unit(scalePeriod = 1): number {
    return (this.rows / gcd(this.rows, scalePeriod)) * scalePeriod;
  }

  /**
   * C[m×n] = A[m×k] · B[k×n] (+ bias[j] in each column j, where given),
   * row-major at the given offsets; the JavaScript kernel's values, but for
   * the last bits where `fusedMultiplyAdd`. The bias is added to each block
   * of C in the module, as a separate addition would add it; with `scale`,
   * each block of A is scaled in the module before its product, as a
   * separate product would scale it (m a multiple of its period).
   */
  gemm(
    a: HostArray,
    ao: number,
    b: HostArray,
    bo: number,
    c: HostArray,
    co: number,
    m: number,
    k: number,
    n: number,
    bias?: HostArray,
    scale?: RowScale,
  ): void {
    if (m === 0 || n === 0) return;
    if (k === 0) {
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[co + i * n + j] = bias ? 0 + bias[j]! : 0;
      return;
    }
    if (!this.accepts(k, scale?.period))
      throw new RangeError(`WasmGemm: inner dimension ${k} needs more than maxBytes = ${this.maxBytes} bytes; use the JavaScript kernel`);
    if (scale && m % scale.period !== 0) throw new RangeError(`WasmGemm: ${m} rows are not whole periods of ${scale.period} scaled rows`);
    const { rows: blockRows, panel } = this;
    const quarter = this.maxBytes / 4;
    // Columns per block: their panels in a quarter of the memory, one micro-kernel block of C in another.
    const panelBytes = k * panel * F64;
    const panelsPerBlock = Math.min(Math.ceil(n / panel), Math.floor(quarter / panelBytes), Math.floor(quarter / (blockRows * panel * F64)));
    const colsPerBlock = panelsPerBlock * panel;
    // The panels, then the block's bias (a whole number of vectors).
    const bBytes = panelsPerBlock * panelBytes + (bias ? Math.ceil(colsPerBlock / 2) * 16 : 0);
    const biasAt = panelsPerBlock * panelBytes;
    // Blocks of rows: whole micro-kernel blocks, and whole periods of the scale.
    const unit = this.unit(scale?.period);
    const period = scale?.period ?? 1;
    // Threads: where the product is large enough.
    const threads = this.instance.helpers
      ? Math.max(1, Math.min(this.threads, Math.ceil(m / unit), Math.floor((m * k * n) / THREAD_MIN_MULTIPLIES)))
      : 1;
    // Rows per block of a thread: about blockBytes of A, C and the scales, at least one unit, in what the panels leave.
    const rowBytes = (k + Math.min(n, colsPerBlock) + (scale ? k / period : 0)) * F64;
    const budget = Math.min(this.blockBytes, (this.maxBytes - 2 * bBytes) / threads);
    const rowsPerBlock = unit * Math.max(1, Math.min(Math.floor(budget / (unit * rowBytes)), Math.ceil(m / unit / threads)));
    // Memory: [panels][thread 0's block of rows of A, then of C, then their scales][thread 1's …]; B's columns wait in thread 0's place to be packed.
    const regionBytes = (rowsPerBlock * (k + Math.min(n, colsPerBlock)) + (rowsPerBlock / period) * (scale ? k : 0)) * F64;
    this.heap = reserve(this.instance.memory, this.heap, bBytes + Math.max(bBytes, threads * regionBytes));
    const heap = this.heap;
    // Thread t takes rows [start(t), start(t + 1)), whole units but for the last, block by block.
    const start = (t: number) => Math.min(m, unit * Math.floor((t * Math.ceil(m / unit)) / threads));
    const blocksOf = (t: number) => {
      const list: [i0: number, rows: number][] = [];
      for (let i0 = start(t); i0 < start(t + 1); i0 += rowsPerBlock) list.push([i0, Math.min(rowsPerBlock, start(t + 1) - i0)]);
      return list;
    };
    const threadBlocks = Array.from({ length: threads }, (_, t) => blocksOf(t));
    const aw = (t: number) => (bBytes + t * regionBytes) / F64;
    const cw = (t: number) => aw(t) + rowsPerBlock * k;
    const sw = (t: number) => cw(t) + rowsPerBlock * Math.min(n, colsPerBlock);
    const copyIn = (plan: PlanBuilder, t: number, i0: number, rows: number) => {
      plan.in(0, ao + i0 * k, rows * k, aw(t)).zero(aw(t) + rows * k, (Math.ceil(rows / blockRows) * blockRows - rows) * k);
      if (scale) plan.in(2, scale.offset + (i0 / period) * k, (rows / period) * k, sw(t));
    };
    const compute = (plan: PlanBuilder, t: number, rows: number, cols: number) => {
      if (scale) plan.call(MUL_ROWS, [aw(t) * F64, sw(t) * F64, rows / period, period, k]);
      plan.call(GEMM, [aw(t) * F64, 0, cw(t) * F64, Math.ceil(rows / blockRows), k, cols, cols]);
      if (bias) plan.call(ADD_ROWS, [cw(t) * F64, biasAt, 1, rows, cols]);
    };
    const copyOut = (plan: PlanBuilder, t: number, i0: number, rows: number, j0: number, cols: number) => {
      const o = co + i0 * n + j0;
      if (cols === n) plan.out(1, o, rows * n, cw(t));
      else for (let i = 0; i < rows; i++) plan.out(1, o + i * n, cols, cw(t) + i * cols);
    };
    for (let j0 = 0; j0 < n; j0 += colsPerBlock) {
      const cols = Math.min(colsPerBlock, n - j0);
      const staging = bBytes / F64;
      if (cols === n) heap.set(b.subarray(bo, bo + k * n), staging);
      else for (let p = 0, o = bo + j0; p < k; p++, o += n) heap.set(b.subarray(o, o + cols), staging + p * cols);
      this.instance.fns[PACK]!(bBytes, 0, k, cols, cols);
      if (bias) heap.set(bias.subarray(j0, j0 + cols), biasAt / F64);
      const blocks = threadBlocks.map((list, t) =>
        list.map(([i0, rows]): PlannedBlock => ({
          copyIn: (plan) => copyIn(plan, t, i0, rows),
          compute: (plan) => compute(plan, t, rows, cols),
          copyOut: (plan) => copyOut(plan, t, i0, rows, j0, cols),
        })),
      );
      runBlocks(this.instance, heap, blocks, scale ? [a, c, scale.buffer] : [a, c]);
    }
  }
}

let shared: WasmGemm | null | undefined;

/** The instance the CPU backend uses, made on first call; null where WebAssembly SIMD is missing. */
export function sharedWasmGemm(): WasmGemm | null {
  shared ??= simdSupported() ? new WasmGemm() : null;
  return shared;
}
