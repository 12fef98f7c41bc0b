import { add, gelu, matmul, tensor, transpose, type Backend, type DType, type Tensor } from "@nabla/tensor";

/** The published weights of the seed network (PyTorch layout: weight [out, in]). */
export interface SeedWeights {
  layers: readonly { weight: number[][]; bias: number[] }[];
}

/** The seed network [2, 100, 100, 3] with exact GELU, its weights on `backend`. */
export function seedNet(weights: SeedWeights, backend: Backend, dtype: DType): (x: Tensor) => Tensor {
  const params = weights.layers.map((l) => ({
    wT: transpose(tensor(l.weight, undefined, { backend, dtype })),
    b: tensor(l.bias, undefined, { backend, dtype }),
  }));
  return (x) =>
    params.reduce((h, { wT, b }, i) => {
      const z = add(matmul(h, wT), b);
      return i < params.length - 1 ? gelu(z) : z;
    }, x);
}

/** An n×n grid over the seed's domain x₁ ∈ [−2, 2], x₂ ∈ [−1, 1], x₁ fastest: [n², 2]. */
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
