import { broadcastShapes, sizeOf, stridesOf, type Aval, type BufferView, type Prim, type PrimParams } from "@nabla/tensor";
import { alignedStrides, mergeDims } from "./layout.js";
import type { MatmulPlan } from "./plan.js";

type Avals = readonly Pick<BufferView<unknown>, "shape">[];

export function matmulPlan([a, b]: Avals, _: PrimParams[Prim.Matmul], __: Aval): MatmulPlan {
  const [m, k] = a!.shape.slice(-2) as [number, number];
  const n = b!.shape[b!.shape.length - 1]!;
  const batchA = a!.shape.slice(0, -2),
    batchB = b!.shape.slice(0, -2);
  const batch = broadcastShapes("matmul", batchA, batchB);
  const aStrides = alignedStrides(batchA, batch).map((s) => s * m * k);
  const bStrides = alignedStrides(batchB, batch).map((s) => s * k * n);
  const contiguousA = aStrides.every((s, d) => s === stridesOf(batch)[d]! * m * k);
  if (sizeOf(batchB) === 1 && contiguousA) {
    // Every batch of A meets the same B: one tall product.
    return { kind: "matmul", m: sizeOf(batch) * m, k, n, batch: [], aStrides: [], bStrides: [] };
  }
  const merged = mergeDims(batch, [
    { input: 0, offset: 0, strides: aStrides },
    { input: 1, offset: 0, strides: bStrides },
  ]);
  return { kind: "matmul", m, k, n, batch: merged.dims, aStrides: merged.views[0]!.strides, bStrides: merged.views[1]!.strides };
}
