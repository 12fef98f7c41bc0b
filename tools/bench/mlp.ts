import { readFileSync } from "node:fs";
import { add, gelu, matmul, tensor, transpose, type Tensor } from "@nabla/tensor";

interface Weights {
  layers: { weight: number[][]; bias: number[] }[];
}

/** The seed network [2, 100, 100, 3], exact GELU, from its published weights (PyTorch layout). */
export function seedMlp(): (x: Tensor) => Tensor {
  const { layers } = JSON.parse(readFileSync(new URL("../../testdata/reference/seed-net.weights.json", import.meta.url), "utf8")) as Weights;
  const params = layers.map((l) => ({ wT: transpose(tensor(l.weight)), b: tensor(l.bias) }));
  return (x) =>
    params.reduce((h, { wT, b }, i) => {
      const z = add(matmul(h, wT), b);
      return i < params.length - 1 ? gelu(z) : z;
    }, x);
}
