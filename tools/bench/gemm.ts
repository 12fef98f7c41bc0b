// The CPU backend's two float64 matrix-product kernels, C[m×n] = A[m×k]·B[k×n]:
// WebAssembly SIMD ("gemm-wasm") and plain JavaScript ("gemm-js"), on the tall
// shapes of batched derivatives. Prints one JSON object per kernel and shape,
// {"case", "m", "k", "n", "seconds", "gflops"}, the minimum of five runs after a
// warm-up. Both kernels run shape by shape in the same process: compare them
// within one run, the machines being shared and noisy.
//
//   node --conditions=@nabla/source --import tsx tools/bench/gemm.ts
import { seededUniform } from "@nabla/testing";
import { gemmJs } from "../../packages/tensor/src/backends/cpu/matmul.js";
import { sharedWasmGemm } from "../../packages/tensor/src/backends/cpu/wasm/gemm.js";
import { best } from "./measure.js";

type Gemm = (a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number) => void;

const shapes: [m: number, k: number, n: number][] = [
  [30000, 100, 100],
  [10000, 2, 100],
  [30000, 100, 3],
];

const wasm = sharedWasmGemm();
if (!wasm) console.error("gemm-wasm: this engine lacks WebAssembly SIMD; timing the JavaScript kernel only");
const kernels: [string, Gemm][] = [["gemm-js", gemmJs]];
if (wasm) kernels.unshift(["gemm-wasm", (...args) => wasm.gemm(...args)]);

for (const [m, k, n] of shapes) {
  const a = seededUniform(1, m * k),
    b = seededUniform(2, k * n),
    c = new Float64Array(m * n);
  for (const [name, gemm] of kernels) {
    const seconds = best(() => gemm(a, 0, b, 0, c, 0, m, k, n));
    console.log(JSON.stringify({ case: name, m, k, n, seconds: +seconds.toPrecision(4), gflops: +((2 * m * k * n) / seconds / 1e9).toFixed(3) }));
  }
}
