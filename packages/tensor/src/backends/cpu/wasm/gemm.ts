/**
 * C[m×n] = A[m×k] · B[k×n] in float64 through the WebAssembly SIMD module of
 * `kernel.ts`. The module computes in its own memory, so a product is copied
 * through it, with `TypedArray.set` only (a memory copy):
 *
 *   for each block of columns of B (all of them unless B is very large):
 *     B's columns in, packed into panels by the module;
 *     for each block of rows: A's rows in, C = A·B, C's rows out.
 *
 * Blocks of rows hold about `blockBytes` of A and C per thread, so that they
 * are still in cache when the kernel reads them and when they are copied back;
 * the memory never grows past `maxBytes`. With helper threads (`helpers.ts`)
 * the memory is shared: this thread copies a block in, the block's rows are
 * split between it and the helpers, and it copies the block out.
 */
import type { HostArray } from "../../../backend.js";
import { defaultKernelThreads, threadedInstance, type HelperJob, type WasmHelpers } from "./helpers.js";
import { GEMM_SHAPE, gemmModuleBytes, type KernelShape } from "./kernel.js";
import { PAGE, reserve } from "./memory.js";
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

/** Below this many multiplies a block of rows stays on one thread: waking a helper costs microseconds. */
const THREAD_MIN_MULTIPLIES = 1 << 17;

interface GemmExports {
  readonly gemm: (a: number, b: number, c: number, blocks: number, k: number, n: number, ldc: number) => void;
  readonly pack: (src: number, dst: number, k: number, n: number, ldb: number) => void;
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
  private readonly module: GemmExports;
  private readonly memory: WebAssembly.Memory;
  /** The helpers' pool and the index of their `gemm`. */
  private readonly helpers: { readonly pool: WasmHelpers; readonly gemm: number } | null;
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
    if (fusedMultiplyAdd && !relaxedSimdSupported()) throw new Error("WasmGemm: fusedMultiplyAdd needs WebAssembly relaxed SIMD, which this engine lacks");
    this.maxBytes = maxBytes;
    this.blockBytes = blockBytes;
    this.fusedMultiplyAdd = fusedMultiplyAdd;
    this.rows = shape.rows;
    this.panel = 2 * shape.vectors;
    const instance = threadedInstance<GemmExports>(
      (shared) => gemmModuleBytes(1, maxBytes / PAGE, { shape, fused: fusedMultiplyAdd, shared }),
      maxBytes / PAGE,
      threads,
      ["gemm"],
    );
    this.module = instance.exports;
    this.memory = instance.memory;
    this.helpers = instance.helpers && { pool: instance.helpers, gemm: instance.helpers.fn(instance.module, "gemm") };
    this.threads = instance.threads;
    this.heap = new Float64Array(this.memory.buffer);
  }

  /** The module's memory now, in bytes (it only grows, up to `maxBytes`). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Whether products with inner dimension `k` fit in `maxBytes`: one panel of B, and one micro-kernel block of A, each in a quarter of it. */
  accepts(k: number): boolean {
    return k * Math.max(this.panel, this.rows) * F64 <= this.maxBytes / 4;
  }

  /** C[m×n] = A[m×k] · B[k×n], row-major at the given offsets; the JavaScript kernel's values, but for the last bits where `fusedMultiplyAdd`. */
  gemm(a: HostArray, ao: number, b: HostArray, bo: number, c: HostArray, co: number, m: number, k: number, n: number): void {
    if (m === 0 || n === 0) return;
    if (k === 0) {
      c.fill(0, co, co + m * n);
      return;
    }
    if (!this.accepts(k))
      throw new RangeError(`WasmGemm: inner dimension ${k} needs more than maxBytes = ${this.maxBytes} bytes; use the JavaScript kernel`);
    const { rows: blockRows, panel } = this;
    const quarter = this.maxBytes / 4;
    // Columns per block: their panels in a quarter of the memory, one micro-kernel block of C in another.
    const panelBytes = k * panel * F64;
    const panelsPerBlock = Math.min(Math.ceil(n / panel), Math.floor(quarter / panelBytes), Math.floor(quarter / (blockRows * panel * F64)));
    const colsPerBlock = panelsPerBlock * panel;
    const bBytes = panelsPerBlock * panelBytes;
    // Rows per block: about blockBytes of A and C, at least one micro-kernel block, in what the panels leave.
    const rowBytes = (k + Math.min(n, colsPerBlock)) * F64;
    const budget = Math.min(this.blockBytes * this.threads, this.maxBytes - 2 * bBytes);
    const rowsPerBlock = blockRows * Math.max(1, Math.min(Math.floor(budget / (blockRows * rowBytes)), Math.ceil(m / blockRows)));
    // Memory: [panels][B's columns before packing, or a block of rows of A, then of C].
    const aAt = bBytes,
      cAt = aAt + rowsPerBlock * k * F64;
    this.heap = reserve(this.memory, this.heap, Math.max(aAt + bBytes, cAt + rowsPerBlock * Math.min(n, colsPerBlock) * F64));
    const heap = this.heap,
      aw = aAt / F64,
      cw = cAt / F64;

    for (let j0 = 0; j0 < n; j0 += colsPerBlock) {
      const cols = Math.min(colsPerBlock, n - j0);
      if (cols === n) heap.set(b.subarray(bo, bo + k * n), aw);
      else for (let p = 0, o = bo + j0; p < k; p++, o += n) heap.set(b.subarray(o, o + cols), aw + p * cols);
      this.module.pack(aAt, 0, k, cols, cols);
      for (let i0 = 0; i0 < m; i0 += rowsPerBlock) {
        const rows = Math.min(rowsPerBlock, m - i0),
          blocks = Math.ceil(rows / blockRows);
        heap.set(a.subarray(ao + i0 * k, ao + (i0 + rows) * k), aw);
        if (blocks * blockRows > rows) heap.fill(0, aw + rows * k, aw + blocks * blockRows * k);
        const o = co + i0 * n + j0;
        this.blockProduct(aAt, cAt, blocks, k, cols);
        if (cols === n) c.set(heap.subarray(cw, cw + rows * n), o);
        else for (let i = 0; i < rows; i++) c.set(heap.subarray(cw + i * cols, cw + (i + 1) * cols), o + i * n);
      }
    }
  }

  /** C = A·B for `blocks` micro-kernel blocks of rows at aAt and cAt (B packed at 0), split between the threads when large enough. */
  private blockProduct(aAt: number, cAt: number, blocks: number, k: number, cols: number): void {
    const { helpers, rows } = this;
    const parts = helpers ? Math.min(this.threads, blocks, Math.floor((blocks * rows * k * cols) / THREAD_MIN_MULTIPLIES)) : 1;
    if (parts <= 1 || !helpers) {
      this.module.gemm(aAt, 0, cAt, blocks, k, cols, cols);
      return;
    }
    // Part t takes blocks [start(t), start(t + 1)); this thread takes part 0.
    const start = (t: number) => Math.floor((t * blocks) / parts);
    const part = (t: number) => [aAt + start(t) * rows * k * F64, 0, cAt + start(t) * rows * cols * F64, start(t + 1) - start(t), k, cols, cols];
    const jobs: HelperJob[] = Array.from({ length: parts - 1 }, (_, h) => ({ fn: helpers.gemm, args: part(h + 1) }));
    helpers.pool.run(jobs, () => this.module.gemm(...(part(0) as [number, number, number, number, number, number, number])));
  }
}

let shared: WasmGemm | null | undefined;

/** The instance the CPU backend uses, made on first call; null where WebAssembly SIMD is missing. */
export function sharedWasmGemm(): WasmGemm | null {
  shared ??= simdSupported() ? new WasmGemm() : null;
  return shared;
}
