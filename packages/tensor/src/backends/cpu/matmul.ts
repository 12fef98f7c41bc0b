import type { BufferView, HostArray } from "../../backend.js";
import { broadcastShapes, broadcastStrides, sizeOf, type Shape } from "../../shape.js";
import { forEachRow } from "./strided.js";

/**
 * C[m×n] += A[m×k] · B[k×n], all row-major at the given offsets. Four rows of A
 * share each load of B, and the four rows of C stay in the L1 cache.
 */
export function gemm(a: HostArray, ao: number, b: HostArray, bo: number, c: HostArray, co: number, m: number, k: number, n: number): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = co + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const a0 = ao + i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p]!, x1 = a[a1 + p]!, x2 = a[a2 + p]!, x3 = a[a3 + p]!;
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) {
        const bv = b[bp + j]!;
        c[c0 + j] += x0 * bv;
        c[c1 + j] += x1 * bv;
        c[c2 + j] += x2 * bv;
        c[c3 + j] += x3 * bv;
      }
    }
  }
  for (; i < m; i++) {
    const ci = co + i * n, ai = ao + i * k;
    for (let p = 0; p < k; p++) {
      const x = a[ai + p]!;
      if (x === 0) continue;
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j]!;
    }
  }
}

/** Batched matmul with broadcast leading dimensions into the zero-initialized `out`. */
export function matmul(a: BufferView<HostArray>, b: BufferView<HostArray>, out: HostArray): void {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1]!;
  const batchA = a.shape.slice(0, -2), batchB = b.shape.slice(0, -2);
  if (sizeOf(batchB) === 1) {
    // Every batch of A meets the same B: one tall product.
    gemm(a.buffer, 0, b.buffer, 0, out, 0, sizeOf(batchA) * m, k, n);
    return;
  }
  const batch: Shape = broadcastShapes("matmul", batchA, batchB);
  // Offsets in units of whole matrices, walked one batch element at a time.
  const strides = [broadcastStrides(batchA, batch), broadcastStrides(batchB, batch), broadcastStrides(batch, batch)];
  forEachRow(batch, strides, ([ia, ib, io], len, [sa, sb, so]) => {
    for (let t = 0; t < len; t++) {
      gemm(a.buffer, (ia! + t * sa!) * m * k, b.buffer, (ib! + t * sb!) * k * n, out, (io! + t * so!) * m * n, m, k, n);
    }
  });
}
