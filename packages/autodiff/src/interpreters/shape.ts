import { abstractEval, cpu, Prim, sizeOf, Tracer, type DType, type PrimParams, type Shape, type Tensor, type Trace } from "@nabla/tensor";

/** A value known only by its shape and dtype. */
export class ShapeTracer extends Tracer {
  constructor(trace: ShapeTrace, shape: Shape, dtype: DType) {
    super(trace, shape, dtype, cpu);
  }
}

/** What a function computes, counted on shapes: matrix-product flops (2mkn), and the values every other primitive writes. */
export interface Work {
  matmulFlops: number;
  values: number;
}

/**
 * Runs a function on shapes alone, to learn its output shapes without
 * computing anything, and counts the work it would do.
 */
export class ShapeTrace implements Trace {
  readonly work: Work = { matmulFlops: 0, values: 0 };

  constructor(readonly level: number) {}

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const { shape, dtype } = abstractEval(prim, args, params);
    const size = sizeOf(shape);
    if (prim === Prim.Matmul) this.work.matmulFlops += 2 * size * args[0]!.shape[args[0]!.shape.length - 1]!;
    else if (prim !== Prim.Reshape) this.work.values += size;
    return new ShapeTracer(this, shape, dtype);
  }
}
