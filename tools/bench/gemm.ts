/**
 * Times the CPU backend's two float64 GEMM kernels, C[m×n] += A[m×k] · B[k×n]:
 * the WebAssembly SIMD kernel and the plain JavaScript one, on the tall shapes
 * of batched derivative work. Prints one JSON line per kernel and shape, the
 * best of 5 timed runs after one warm-up:
 *
 *   {"case":"gemm-wasm","m":30000,"k":100,"n":100,"seconds":…,"gflops":…}
 *
 *   node --conditions=@nabla/source --import tsx tools/bench/gemm.ts [--runs 5]
 *
 * Both kernels run in the same process, shape by shape, so that a noisy
 * machine affects them alike.
 */
import { parseArgs } from "node:util";
import { gemmJs } from "../../packages/tensor/src/backends/cpu/matmul.js";
import { sharedWasmGemm } from "../../packages/tensor/src/backends/cpu/wasm/gemm.js";

const shapes = [
  [30000, 100, 100],
  [10000, 2, 100],
  [30000, 100, 3],
] as const;

type Gemm = (a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, m: number, k: number, n: number) => void;

/** Deterministic values in [−1, 1). */
function random(size: number, seed: number): Float64Array {
  const out = new Float64Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function best(runs: number, f: () => void): number {
  f();
  let seconds = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    f();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return seconds;
}

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const wasm = sharedWasmGemm();
const kernels: [string, Gemm | null][] = [
  ["gemm-wasm", wasm && ((...args) => wasm.gemm(...args))],
  ["gemm-js", gemmJs],
];
if (!wasm) console.error("gemm-wasm: WebAssembly SIMD is not available here; timing the JavaScript kernel only");

for (const [m, k, n] of shapes) {
  const a = random(m * k, 1), b = random(k * n, 2), c = new Float64Array(m * n);
  for (const [name, gemm] of kernels) {
    if (!gemm) continue;
    const seconds = best(runs, () => gemm(a, 0, b, 0, c, 0, m, k, n));
    console.log(JSON.stringify({ case: name, m, k, n, seconds, gflops: (2 * m * k * n) / seconds / 1e9 }));
  }
}
