import { bind, broadcastTo, sameShape, Tracer, type Prim, type PrimParams, type Tensor, type Trace } from "@nabla/tensor";
import { primalJvpRules, type PrimalJvpRule } from "../rules/elementwise.js";
import { jvpRules, type JvpRule } from "../rules/index.js";

/** A value with its tangent, for forward-mode differentiation. */
export class JvpTracer extends Tracer {
  constructor(
    override readonly trace: JvpTrace,
    readonly primal: Tensor,
    readonly tangent: Tensor,
  ) {
    super(trace, primal.shape, primal.dtype, primal.backend);
  }
}

export class JvpTrace implements Trace {
  constructor(readonly level: number) {}

  /** Splits a value into primal and tangent; values from outside this trace have a zero (null) tangent. */
  unpack(x: Tensor): [Tensor, Tensor | null] {
    return x instanceof JvpTracer && x.trace === this ? [x.primal, x.tangent] : [x, null];
  }

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const primals: Tensor[] = [];
    const tangents: (Tensor | null)[] = [];
    for (const a of args) {
      const [p, t] = this.unpack(a);
      primals.push(p);
      tangents.push(t);
    }
    const own = (primalJvpRules[prim] as PrimalJvpRule<P> | undefined)?.(primals, tangents, params);
    const out = own ? own.primal : bind(prim, primals, params);
    const tangent = own ? own.tangent : (jvpRules[prim] as JvpRule<P>)(primals, tangents, out, params);
    if (tangent === null) return out;
    return new JvpTracer(this, out, sameShape(tangent.shape, out.shape) ? tangent : broadcastTo(tangent, out.shape));
  }
}
