import { cpu, tensor, type Backend, type Tensor } from "@nabla/tensor";
import { hessian, jacrev, vmap } from "@nabla/autodiff";

export type Order = 0 | 1 | 2;

export interface Derivatives {
  value: number[][];
  jacobian?: number[][][];
  hessian?: number[][][][];
}

/** Points per batch: bounds memory on large point sets. */
const CHUNK = 4096;

/**
 * Value, Jacobian (order ≥ 1) and Hessian (order 2) of a point function at
 * every point, as nested arrays [N][out], [N][out][in], [N][out][in][in].
 * The points are made on `backend` (float64 on the CPU backend, float32 on any
 * other), which must read synchronously; f's constants must live there too.
 */
export function derivativesAt(
  f: (x: Tensor) => Tensor,
  points: readonly number[][],
  order: Order,
  onProgress?: (done: number, total: number) => void,
  backend: Backend = cpu,
): Derivatives {
  const on = { backend, dtype: backend === cpu ? "float64" : "float32" } as const;
  const out: Derivatives = { value: [] };
  if (order >= 1) out.jacobian = [];
  if (order >= 2) out.hessian = [];
  const J = vmap(jacrev(f));
  const H = vmap(hessian(f));
  for (let start = 0; start < points.length; start += CHUNK) {
    const X = tensor(points.slice(start, start + CHUNK) as number[][], undefined, on);
    out.value.push(...(vmap(f)(X).toArray() as number[][]));
    if (out.jacobian) out.jacobian.push(...(J(X).toArray() as number[][][]));
    if (out.hessian) out.hessian.push(...(H(X).toArray() as number[][][][]));
    onProgress?.(Math.min(points.length, start + CHUNK), points.length);
  }
  return out;
}
