import { abstractEval, Tracer, type DType, type Prim, type PrimParams, type Shape, type Tensor, type Trace, cpu } from "@nabla/tensor";

/** A value known only by its shape and dtype. */
export class ShapeTracer extends Tracer {
  constructor(trace: ShapeTrace, shape: Shape, dtype: DType) {
    super(trace, shape, dtype, cpu);
  }
}

/** Runs a function on shapes alone, to learn its output shapes without computing anything. */
export class ShapeTrace implements Trace {
  constructor(readonly level: number) {}

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const { shape, dtype } = abstractEval(prim, args, params);
    return new ShapeTracer(this, shape, dtype);
  }
}
