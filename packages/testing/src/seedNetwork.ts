import { add, gelu, matmul, tensor, transpose, type Backend, type DType, type Tensor } from "@nabla/tensor";
import { loadJson } from "./testdata.js";

/** The seed network's published weights (PyTorch layout: weight [out, in]). */
export interface SeedWeights {
  layers: readonly { weight: number[][]; bias: number[] }[];
}

export const seedWeights = (): SeedWeights => loadJson<SeedWeights>("reference/seed-net.weights.json");

/**
 * The seed network [2, 100, 100, 3] with exact GELU, built from primitives with
 * its published weights — for tests and benchmarks that need the MLP without a loader.
 */
export function seedMlp(options: { backend?: Backend; dtype?: DType } = {}, weights: SeedWeights = seedWeights()): (x: Tensor) => Tensor {
  const params = weights.layers.map((l) => ({ wT: transpose(tensor(l.weight, undefined, options)), b: tensor(l.bias, undefined, options) }));
  return (x) =>
    params.reduce((h, { wT, b }, i) => {
      const z = add(matmul(h, wT), b);
      return i < params.length - 1 ? gelu(z) : z;
    }, x);
}
