import { cpu, tensor, type Backend, type Tensor } from "@nabla/tensor";
import { derivativesUpTo, type DerivativeOrder } from "@nabla/autodiff";

export type Order = DerivativeOrder;

export interface Derivatives {
  value: number[][];
  jacobian?: number[][][];
  hessian?: number[][][][];
}

/** Points per batch: bounds memory on large point sets. */
const CHUNK = 4096;

/**
 * Value, Jacobian (order ≥ 1) and Hessian (order 2) of a point function at
 * every point, as nested arrays [N][out], [N][out][in], [N][out][in][in], by
 * the cheapest methods for f (`derivativesUpTo`: all three from one pass where
 * the Hessian is best had in Taylor mode or its reverse variant).
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
  const out: Derivatives = { value: [], ...(order >= 1 ? { jacobian: [] } : {}), ...(order >= 2 ? { hessian: [] } : {}) };
  if (points.length === 0) return out;
  const at = derivativesUpTo(f, order, tensor(new Float64Array(points[0]!.length), undefined, on));
  for (let start = 0; start < points.length; start += CHUNK) {
    const { value, jacobian, hessian } = at(tensor(points.slice(start, start + CHUNK) as number[][], undefined, on));
    out.value.push(...(value.toArray() as number[][]));
    if (jacobian) out.jacobian!.push(...(jacobian.toArray() as number[][][]));
    if (hessian) out.hessian!.push(...(hessian.toArray() as number[][][][]));
    onProgress?.(Math.min(points.length, start + CHUNK), points.length);
  }
  return out;
}
