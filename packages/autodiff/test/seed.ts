import { add, mul, square, stack, take, type Tensor } from "@nabla/tensor";

/** Fexample, the seed notebook's function: f(t1, t2) = (t1 + 2 t2, t1², t1 t2²), one point or a batch. */
export function fexample(x: Tensor): Tensor {
  const t1 = take(x, 0, -1),
    t2 = take(x, 1, -1);
  return stack([add(t1, mul(t2, 2)), square(t1), mul(t1, square(t2))], -1);
}
