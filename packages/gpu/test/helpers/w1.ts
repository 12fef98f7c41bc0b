import { jit, secondOrder, vmap, type SecondOrderMethod, type Tree } from "@nabla/autodiff";
import { tensor, type Backend, type DType, type HostArray, type Tensor } from "@nabla/tensor";
import { readTensor } from "../../src/index.js";
import { seedNet, type SeedWeights } from "./seedNet.js";

/** W1: value, Jacobian and Hessian of the seed network at the given points, in one `secondOrder` pass (by its "auto" method: Taylor mode). */
export interface W1 {
  value: HostArray;
  jacobian: HostArray;
  hessian: HostArray;
}

export async function w1(
  weights: SeedWeights,
  points: ArrayLike<number>,
  backend: Backend,
  dtype: DType,
  method: SecondOrderMethod = "auto",
  { jitted = false } = {},
): Promise<W1> {
  const net = seedNet(weights, backend, dtype);
  const x = tensor(points, [points.length / 2, 2], { backend, dtype });
  // secondOrder returns a record of tensors, which vmap maps like any tree.
  const pass = vmap(secondOrder(net, { method }) as unknown as (x: Tensor) => Tree);
  // Jitted, as the derivative engines run it: recorded by a first call, run from its program by the second.
  const f = jitted ? jit(pass) : pass;
  if (jitted) f(x);
  const out = f(x) as unknown as Record<keyof W1, Tensor>;
  const [value, jacobian, hessian] = await Promise.all([readTensor(out.value), readTensor(out.jacobian), readTensor(out.hessian)]);
  return { value: value!, jacobian: jacobian!, hessian: hessian! };
}
