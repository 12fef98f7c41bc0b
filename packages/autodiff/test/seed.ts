import { loadJson } from "@nabla/testing";
import { add, gelu, matmul, mul, square, stack, take, tensor, transpose, type Tensor } from "@nabla/tensor";

/** Fexample, the seed notebook's function: f(t1, t2) = (t1 + 2 t2, t1², t1 t2²), one point or a batch. */
export function fexample(x: Tensor): Tensor {
  const t1 = take(x, 0, -1),
    t2 = take(x, 1, -1);
  return stack([add(t1, mul(t2, 2)), square(t1), mul(t1, square(t2))], -1);
}

interface Weights {
  layers: { weight: number[][]; bias: number[] }[];
}

/** The seed network [2, 100, 100, 3] with exact GELU, built from primitives with its published weights. */
export function seedMlp(): (x: Tensor) => Tensor {
  const { layers } = loadJson<Weights>("reference/seed-net.weights.json");
  const params = layers.map((l) => ({ wT: transpose(tensor(l.weight)), b: tensor(l.bias) }));
  return (x) =>
    params.reduce((h, { wT, b }, i) => {
      const z = add(matmul(h, wT), b);
      return i < params.length - 1 ? gelu(z) : z;
    }, x);
}
