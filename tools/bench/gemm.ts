// The CPU backend's float64 matrix-product kernels, C[m×n] = A[m×k]·B[k×n], on
// the tall shapes of batched derivatives and on one of Meudon-scale's wide
// layers: plain JavaScript ("gemm-js") and WebAssembly SIMD on one thread
// without fused multiply-adds ("gemm-wasm"), with them ("gemm-wasm-fma", where
// the engine has relaxed SIMD) and on every core ("gemm-wasm-fma-threads": A
// and C in SharedArrayBuffers, as the backend's buffers are where its kernels
// have helper threads). Prints one JSON object per kernel and shape,
// {"case", "m", "k", "n", "threads", "seconds", "gflops"}, the minimum of five
// runs after a warm-up. The kernels run shape by shape in the same process:
// compare them within one run, the machines being shared and noisy.
//
//   node --conditions=@nabla/source --import tsx tools/bench/gemm.ts
import { seededUniform, sharedCopy } from "@nabla/testing";
import { gemmJs } from "../../packages/tensor/src/backends/cpu/matmul.js";
import { defaultKernelThreads } from "../../packages/tensor/src/backends/cpu/wasm/helpers.js";
import { WasmGemm } from "../../packages/tensor/src/backends/cpu/wasm/gemm.js";
import { relaxedSimdSupported, simdSupported } from "../../packages/tensor/src/backends/cpu/wasm/simd.js";
import { best } from "./measure.js";

type Gemm = (a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number) => void;

const shapes: [m: number, k: number, n: number][] = [
  [30000, 100, 100],
  [10000, 2, 100],
  [30000, 100, 3],
  [5000, 1323, 441],
];

const kernels: { name: string; threads: number; gemm: Gemm; shared: boolean }[] = [{ name: "gemm-js", threads: 1, gemm: gemmJs, shared: false }];
if (!simdSupported()) console.error("gemm-wasm: this engine lacks WebAssembly SIMD; timing the JavaScript kernel only");
else {
  const wasm = (options: ConstructorParameters<typeof WasmGemm>[0]): Gemm => {
    const kernel = new WasmGemm(options);
    return (...args) => kernel.gemm(...args);
  };
  kernels.push({ name: "gemm-wasm", threads: 1, gemm: wasm({ fusedMultiplyAdd: false, threads: 1 }), shared: false });
  if (relaxedSimdSupported()) {
    kernels.push({ name: "gemm-wasm-fma", threads: 1, gemm: wasm({ threads: 1 }), shared: false });
    const threads = defaultKernelThreads();
    if (threads > 1) kernels.push({ name: "gemm-wasm-fma-threads", threads, gemm: wasm({ threads }), shared: true });
  }
}

for (const [m, k, n] of shapes) {
  const a = seededUniform(1, m * k),
    b = seededUniform(2, k * n);
  for (const { name, threads, gemm, shared } of kernels) {
    if (name === "gemm-js" && k > 1000) continue; // minutes, and nothing to learn
    const [A, C] = shared ? [sharedCopy(a), sharedCopy(new Float64Array(m * n))] : [a, new Float64Array(m * n)];
    const seconds = best(() => gemm(A, 0, b, 0, C, 0, m, k, n));
    console.log(JSON.stringify({ case: name, m, k, n, threads, seconds: +seconds.toPrecision(4), gflops: +((2 * m * k * n) / seconds / 1e9).toFixed(3) }));
  }
}
