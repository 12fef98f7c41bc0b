import { bind, Tracer, type Prim, type PrimParams, type Tensor, type Trace } from "@nabla/tensor";
import { batchRules, type BatchRule } from "../rules/index.js";
import { shapeWithout } from "../rules/helpers.js";

/** A batch of values stacked along `dim` of `val`, for vmap. */
export class BatchTracer extends Tracer {
  constructor(
    override readonly trace: BatchTrace,
    readonly val: Tensor,
    readonly dim: number,
  ) {
    super(trace, shapeWithout(val.shape, dim), val.dtype, val.backend);
  }
}

export class BatchTrace implements Trace {
  constructor(
    readonly level: number,
    readonly axisSize: number,
  ) {}

  /** The value and its batch dimension; values from outside this trace are not batched (null). */
  unpack(x: Tensor): [Tensor, number | null] {
    return x instanceof BatchTracer && x.trace === this ? [x.val, x.dim] : [x, null];
  }

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const vals: Tensor[] = [];
    const dims: (number | null)[] = [];
    for (const a of args) {
      const [v, d] = this.unpack(a);
      vals.push(v);
      dims.push(d);
    }
    if (dims.every((d) => d === null)) return bind(prim, vals, params);
    const [out, dim] = (batchRules[prim] as BatchRule<P>)(this.axisSize, vals, dims, params);
    return dim === null ? out : new BatchTracer(this, out, dim);
  }
}
