import { secondOrder, vmap, type Tree } from "@nabla/autodiff";
import { readTensor } from "@nabla/gpu";
import { tensor, type Backend, type DType, type HostArray, type Tensor } from "@nabla/tensor";
import { seedNet, type SeedWeights } from "../../packages/gpu/test/helpers/seedNet.js";

export { seedNet, type SeedWeights };

// W1 of the gpu benchmark, shared by Node (tools/bench/gpu.ts) and the page it opens in Chromium (tools/bench/gpuPage.ts).

/** An n×n map over the seed's domain x₁ ∈ [−2, 2], x₂ ∈ [−1, 1]: [n², 2]. */
export function seedGrid(n: number): Float64Array {
  const out = new Float64Array(2 * n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      out[2 * (j * n + i)] = -2 + (4 * i) / (n - 1);
      out[2 * (j * n + i) + 1] = -1 + (2 * j) / (n - 1);
    }
  }
  return out;
}

export interface W1Result {
  value: HostArray;
  jacobian: HostArray;
  hessian: HostArray;
}

/** W1's one Taylor-mode pass, `vmap(secondOrder(net))`, `chunkSize` points at a time. */
export const w1Pass = (net: (x: Tensor) => Tensor, chunkSize?: number): ((x: Tensor) => Tree) =>
  vmap(secondOrder(net) as unknown as (x: Tensor) => Tree, chunkSize ? { chunkSize } : {});

/**
 * W1: value, Jacobian and Hessian of the seed network at every point, by
 * `pass` (`w1Pass`, or a jitted one, which keeps its program between calls),
 * read back to the host.
 */
export async function w1(pass: (x: Tensor) => Tree, points: Float64Array, backend: Backend, dtype: DType): Promise<W1Result> {
  const x = tensor(points, [points.length / 2, 2], { backend, dtype });
  const out = pass(x) as unknown as Record<keyof W1Result, Tensor>;
  const [value, jacobian, hessian] = await Promise.all([readTensor(out.value), readTensor(out.jacobian), readTensor(out.hessian)]);
  return { value: value!, jacobian: jacobian!, hessian: hessian! };
}

/**
 * W1 by @nabla/gpu's fused dense-layer kernels (`mlpSecondOrder`), `chunkSize`
 * points at a time, each chunk read back into one host array per result.
 */
export async function w1Fused(
  f: (x: Tensor) => { value: Tensor; jacobian: Tensor; hessian: Tensor },
  points: Float64Array,
  backend: Backend,
  chunkSize = Infinity,
): Promise<W1Result> {
  const N = points.length / 2;
  const out = { value: new Float32Array(N * 3), jacobian: new Float32Array(N * 6), hessian: new Float32Array(N * 12) };
  for (let start = 0; start < N; start += chunkSize) {
    const end = Math.min(N, start + chunkSize);
    const r = f(tensor(points.subarray(2 * start, 2 * end), [end - start, 2], { backend, dtype: "float32" }));
    const [value, jacobian, hessian] = await Promise.all([readTensor(r.value), readTensor(r.jacobian), readTensor(r.hessian)]);
    out.value.set(value!, start * 3);
    out.jacobian.set(jacobian!, start * 6);
    out.hessian.set(hessian!, start * 12);
  }
  return out;
}
