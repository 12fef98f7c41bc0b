import type { BufferView, HostArray } from "../../backend.js";
import { broadcastShapes, broadcastStrides, sizeOf, type Shape } from "../../shape.js";
import { forEachRow } from "./strided.js";
import { sharedWasmGemm, type RowScale } from "./wasm/gemm.js";

/**
 * Products with fewer multiplies (m·k·n) stay in JavaScript, where a call into
 * the module (about 2 µs) costs more than its kernel saves. Measured over m in
 * {1, 4, 16, 64, 256} and k, n in {1, 2, 3, 8, 30, 100}: from m·k·n = 256 on
 * the WebAssembly path is faster in every case (1.1× to 9×); below 64 it is up
 * to 8× slower.
 */
const WASM_MIN_MULTIPLIES = 256;

/**
 * The products of a batch with fewer multiplies each take `gemmSmall`: each of
 * `gemm`'s calls packs B, and its WebAssembly path copies through the module.
 * Measured per product, batches of 300 to 30,000: 3×100×1, 1.1 µs against 9.2;
 * 10×441×4, 18 against 31; 16×64×16, 13 against 23; 32×32×32, 17 against 17.
 */
const SMALL_MULTIPLIES = 1 << 15;

/** B [k×n] (at offset `bo`) rearranged in panels of 4 columns, [⌈n/4⌉][k][4], zero-padded. */
function packPanels(b: HostArray, bo: number, k: number, n: number): Float64Array {
  const panels = Math.ceil(n / 4);
  const out = new Float64Array(panels * k * 4);
  for (let p = 0; p < k; p++) {
    const row = bo + p * n;
    for (let j = 0; j < n; j++) out[((j >> 2) * k + p) * 4 + (j & 3)] = b[row + j]!;
  }
  return out;
}

/** Stores a 4-wide accumulator row in C, only the `width` valid columns. */
function store(c: HostArray, o: number, width: number, v0: number, v1: number, v2: number, v3: number): void {
  c[o] = v0;
  if (width > 1) c[o + 1] = v1;
  if (width > 2) c[o + 2] = v2;
  if (width > 3) c[o + 3] = v3;
}

/**
 * C[m×n] = A[m×k] · B[k×n], row-major at the given offsets, in plain
 * JavaScript. A 4×4 block of C is accumulated in registers over the whole of
 * k, reading B from 4-column panels: 32 flops for every 8 loads.
 */
export function gemmJs(a: HostArray, ao: number, b: HostArray, bo: number, c: HostArray, co: number, m: number, k: number, n: number): void {
  const panels = packPanels(b, bo, k, n);
  const np = Math.ceil(n / 4);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = ao + i * k,
      a1 = a0 + k,
      a2 = a1 + k,
      a3 = a2 + k;
    for (let jp = 0; jp < np; jp++) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0, q = jp * k * 4; p < k; p++, q += 4) {
        const b0 = panels[q]!,
          b1 = panels[q + 1]!,
          b2 = panels[q + 2]!,
          b3 = panels[q + 3]!;
        const x0 = a[a0 + p]!,
          x1 = a[a1 + p]!,
          x2 = a[a2 + p]!,
          x3 = a[a3 + p]!;
        c00 += x0 * b0;
        c01 += x0 * b1;
        c02 += x0 * b2;
        c03 += x0 * b3;
        c10 += x1 * b0;
        c11 += x1 * b1;
        c12 += x1 * b2;
        c13 += x1 * b3;
        c20 += x2 * b0;
        c21 += x2 * b1;
        c22 += x2 * b2;
        c23 += x2 * b3;
        c30 += x3 * b0;
        c31 += x3 * b1;
        c32 += x3 * b2;
        c33 += x3 * b3;
      }
      const j = jp * 4,
        width = Math.min(4, n - j);
      const o = co + i * n + j;
      store(c, o, width, c00, c01, c02, c03);
      store(c, o + n, width, c10, c11, c12, c13);
      store(c, o + 2 * n, width, c20, c21, c22, c23);
      store(c, o + 3 * n, width, c30, c31, c32, c33);
    }
  }
  for (; i < m; i++) {
    const ai = ao + i * k;
    for (let jp = 0; jp < np; jp++) {
      let v0 = 0,
        v1 = 0,
        v2 = 0,
        v3 = 0;
      for (let p = 0, q = jp * k * 4; p < k; p++, q += 4) {
        const x = a[ai + p]!;
        v0 += x * panels[q]!;
        v1 += x * panels[q + 1]!;
        v2 += x * panels[q + 2]!;
        v3 += x * panels[q + 3]!;
      }
      const j = jp * 4;
      store(c, co + i * n + j, Math.min(4, n - j), v0, v1, v2, v3);
    }
  }
}

/**
 * C[m×n] = A[m×k] · B[k×n] (+ bias[j] in each column j, where given; A's
 * rows scaled first, where `scale` is given), row-major at the given offsets:
 * the WebAssembly SIMD kernel (`wasm/`, one instance per thread, compiled on
 * first use) where the engine has WebAssembly SIMD and the product is large
 * enough to pay for the call, else the JavaScript kernel. Every sum runs over
 * k in order from zero; the WebAssembly kernel fuses its multiply-adds where
 * the engine has relaxed SIMD, so its last bits may differ from the
 * JavaScript kernel's.
 */
export function gemm(
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
  const wasm = m * k * n >= WASM_MIN_MULTIPLIES ? sharedWasmGemm() : null;
  if (wasm?.accepts(k, scale?.period)) wasm.gemm(a, ao, b, bo, c, co, m, k, n, bias, scale);
  else {
    if (scale) [a, ao] = [scaledRows(a, ao, m, k, scale), 0];
    gemmJs(a, ao, b, bo, c, co, m, k, n);
    if (bias) addBias(c, co, m, n, bias);
  }
}

/** A's m rows of k values at `ao`, each times its row of `scale`, in a new array. */
function scaledRows(a: HostArray, ao: number, m: number, k: number, { buffer, offset, period }: RowScale): Float64Array {
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    const [from, by] = [ao + i * k, offset + Math.floor(i / period) * k];
    for (let j = 0; j < k; j++) out[i * k + j] = a[from + j]! * buffer[by + j]!;
  }
  return out;
}

/** C[i][j] += bias[j] for the m rows of n values of C at `co`. */
function addBias(c: HostArray, co: number, m: number, n: number, bias: HostArray): void {
  for (let i = 0, o = co; i < m; i++, o += n) for (let j = 0; j < n; j++) c[o + j] += bias[j]!;
}

/**
 * C[m×n] = A[m×k] · B[k×n], row-major at the given offsets, by the textbook
 * loop: no packing, nothing allocated. For the many tiny products of a batched
 * matmul (a contraction per point under vmap), where `gemm`'s packing or its
 * call into WebAssembly costs more than the product.
 */
export function gemmSmall(a: HostArray, ao: number, b: HostArray, bo: number, c: HostArray, co: number, m: number, k: number, n: number): void {
  const k4 = k & ~3;
  for (let i = 0; i < m; i++) {
    const ai = ao + i * k;
    for (let j = 0; j < n; j++) {
      // Four running sums: one would wait on each addition before the next.
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      let p = 0,
        q = bo + j;
      for (; p < k4; p += 4, q += 4 * n) {
        s0 += a[ai + p]! * b[q]!;
        s1 += a[ai + p + 1]! * b[q + n]!;
        s2 += a[ai + p + 2]! * b[q + 2 * n]!;
        s3 += a[ai + p + 3]! * b[q + 3 * n]!;
      }
      for (; p < k; p++, q += n) s0 += a[ai + p]! * b[q]!;
      c[co + i * n + j] = s0 + s1 + (s2 + s3);
    }
  }
}

/**
 * Batched matmul with broadcast leading dimensions into `out`, plus `bias`
 * (n values: a layer's bias, which a jitted program adds here rather than in
 * an addition of its own) in every row, after each product as an addition
 * would add it. With `scale` (from a jitted program too: `Backend.matmulScale`),
 * A's rows are each multiplied by a row of scales first, as a product before
 * the matmul would multiply them.
 */
export function matmul(a: BufferView<HostArray>, b: BufferView<HostArray>, out: HostArray, bias?: HostArray, scale?: Omit<RowScale, "offset">): void {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1]!;
  const batchA = a.shape.slice(0, -2),
    batchB = b.shape.slice(0, -2);
  if (sizeOf(batchB) === 1) {
    // Every batch of A meets the same B: one tall product.
    gemm(a.buffer, 0, b.buffer, 0, out, 0, sizeOf(batchA) * m, k, n, bias, scale && { ...scale, offset: 0 });
    return;
  }
  if (scale) {
    matmul({ ...a, buffer: scaledRows(a.buffer, 0, sizeOf(a.shape) / k, k, { ...scale, offset: 0 }) }, b, out, bias);
    return;
  }
  const batch: Shape = broadcastShapes("matmul", batchA, batchB);
  // Offsets in units of whole matrices, walked one batch element at a time.
  const strides = [broadcastStrides(batchA, batch), broadcastStrides(batchB, batch), broadcastStrides(batch, batch)];
  const each = m * k * n < SMALL_MULTIPLIES ? gemmSmall : gemm;
  forEachRow(batch, strides, ([ia, ib, io], len, [sa, sb, so]) => {
    for (let t = 0; t < len; t++) {
      each(a.buffer, (ia! + t * sa!) * m * k, b.buffer, (ib! + t * sb!) * k * n, out, (io! + t * so!) * m * n, m, k, n);
    }
  });
  if (bias) addBias(out, 0, out.length / n, n, bias);
}
