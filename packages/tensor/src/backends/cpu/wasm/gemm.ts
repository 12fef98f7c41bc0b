/**
 * C[m×n] += A[m×k] · B[k×n] through the WebAssembly SIMD kernel of
 * `kernel.ts`. The module owns its memory, so each product is copied through
 * it: B packed into 4-column panels once per column block, then A in blocks of
 * rows (padded with zero rows to whole micro-kernel blocks), and each block of
 * C added back into the caller's array. Blocks are sized so that A, C and the
 * panels stay in cache between the copy and the kernel, and so that the
 * module's memory never exceeds `maxBytes`.
 */
import type { HostArray } from "../../../backend.js";
import { gemmModuleBytes, PANEL, ROWS } from "./kernel.js";
import { simdSupported } from "./simd.js";

const F64 = 8;
const PAGE = 65536;

export interface WasmGemmOptions {
  /** Upper bound on the module's memory, a multiple of 64 KiB (default 64 MiB). */
  readonly maxBytes?: number;
  /** Bytes of A and C copied per block of rows (default 256 KiB, at least one micro-kernel block). */
  readonly blockBytes?: number;
}

type Kernel = (a: number, b: number, c: number, blocks: number, k: number, panels: number) => void;

/** One instance of the GEMM module with its memory. Not reentrant: use one per thread. */
export class WasmGemm {
  readonly maxBytes: number;
  readonly blockBytes: number;
  private readonly memory: WebAssembly.Memory;
  private readonly kernel: Kernel;
  private heap: Float64Array;

  constructor({ maxBytes = 64 * 1024 * 1024, blockBytes = 256 * 1024 }: WasmGemmOptions = {}) {
    if (!Number.isInteger(maxBytes / PAGE) || maxBytes <= 0 || maxBytes > 2 ** 31) {
      throw new RangeError(`WasmGemm: maxBytes must be a positive multiple of 65536 up to 2^31, got ${maxBytes}`);
    }
    if (!(blockBytes > 0)) throw new RangeError(`WasmGemm: blockBytes must be positive, got ${blockBytes}`);
    this.maxBytes = maxBytes;
    this.blockBytes = blockBytes;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes(1, maxBytes / PAGE)), {});
    this.memory = instance.exports["memory"] as WebAssembly.Memory;
    this.kernel = instance.exports["gemm"] as Kernel;
    this.heap = new Float64Array(this.memory.buffer);
  }

  /** Whether a product with inner dimension `k` fits: one panel and one block of rows of A each within a quarter of `maxBytes`. */
  accepts(k: number): boolean {
    return k * PANEL * F64 <= this.maxBytes / 4 && k * ROWS * F64 <= this.maxBytes / 4;
  }

  /** C[m×n] += A[m×k] · B[k×n], row-major at the given offsets, with the same values as the scalar kernel. */
  gemm(a: HostArray, ao: number, b: HostArray, bo: number, c: HostArray, co: number, m: number, k: number, n: number): void {
    if (m === 0 || n === 0 || k === 0) return;
    if (!this.accepts(k)) throw new RangeError(`WasmGemm: inner dimension ${k} needs more than maxBytes = ${this.maxBytes} bytes; use the scalar kernel`);
    const quarter = this.maxBytes / 4;
    const panelBytes = k * PANEL * F64;
    // Columns per block: the panels within a quarter, and one micro-kernel block of C within another.
    const panelsPerBlock = Math.min(Math.ceil(n / PANEL), Math.floor(quarter / panelBytes), Math.floor(quarter / (ROWS * PANEL * F64)));
    const bBytes = panelsPerBlock * panelBytes;
    // Rows per block: about blockBytes of A and C, at least one micro-kernel block.
    const rowBytes = (k + panelsPerBlock * PANEL) * F64;
    const rowBlocks = Math.max(1, Math.min(Math.floor(Math.min(this.blockBytes, this.maxBytes - bBytes) / (rowBytes * ROWS)), Math.ceil(m / ROWS)));
    const rowsPerBlock = rowBlocks * ROWS;
    const aAt = bBytes, cAt = aAt + rowsPerBlock * k * F64;
    this.reserve(cAt + rowsPerBlock * panelsPerBlock * PANEL * F64);
    const heap = this.heap;

    for (let j0 = 0; j0 < n; j0 += panelsPerBlock * PANEL) {
      const cols = Math.min(panelsPerBlock * PANEL, n - j0);
      const panels = Math.ceil(cols / PANEL);
      const ldc = panels * PANEL;
      this.pack(b, bo, k, n, j0, cols);
      for (let i0 = 0; i0 < m; i0 += rowsPerBlock) {
        const rows = Math.min(rowsPerBlock, m - i0);
        const blocks = Math.ceil(rows / ROWS);
        const aw = aAt / F64;
        heap.set(a.subarray(ao + i0 * k, ao + (i0 + rows) * k), aw);
        if (blocks * ROWS > rows) heap.fill(0, aw + rows * k, aw + blocks * ROWS * k);
        this.kernel(aAt, 0, cAt, blocks, k, panels);
        for (let i = 0, w = cAt / F64, o = co + i0 * n + j0; i < rows; i++, w += ldc, o += n) {
          for (let j = 0; j < cols; j++) c[o + j]! += heap[w + j]!;
        }
      }
    }
  }

  /** Grows the memory to at least `bytes`. */
  private reserve(bytes: number): void {
    const pages = Math.ceil(bytes / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages);
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Float64Array(this.memory.buffer);
  }

  /** Columns j0…j0+cols−1 of B [k×n] (at `bo`) as panels [⌈cols/4⌉][k][4] at address 0, zero-padded. */
  private pack(b: HostArray, bo: number, k: number, n: number, j0: number, cols: number): void {
    const heap = this.heap;
    for (let q = 0, w = 0; q * PANEL < cols; q++) {
      const width = Math.min(PANEL, cols - q * PANEL);
      for (let p = 0, r = bo + p * n + j0 + q * PANEL; p < k; p++, r += n, w += PANEL) {
        for (let t = 0; t < PANEL; t++) heap[w + t] = t < width ? b[r + t]! : 0;
      }
    }
  }
}

let shared: WasmGemm | null | undefined;

/** The instance the CPU backend uses (created on first call), or null where WebAssembly SIMD is missing. */
export function sharedWasmGemm(): WasmGemm | null {
  shared ??= simdSupported() ? new WasmGemm() : null;
  return shared;
}
