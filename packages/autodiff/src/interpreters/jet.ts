import { bind, directionPairs, Tracer, type Prim, type PrimParams, type Tensor, type Trace } from "@nabla/tensor";
import { jetRules, primalJetRules, type Jet, type JetRule, type PrimalJetRule } from "../rules/jet.js";

/**
 * Second-order Taylor coefficients of a value along n input directions:
 * `first` [n, ...shape] (∂v/∂x_a) and `second` [P, ...shape] (∂²v/∂x_a∂x_b for
 * the P = n(n+1)/2 pairs a ≤ b). Null stands for zero.
 */
export class JetTracer extends Tracer {
  constructor(
    override readonly trace: JetTrace,
    readonly primal: Tensor,
    readonly first: Tensor | null,
    readonly second: Tensor | null,
  ) {
    super(trace, primal.shape, primal.dtype, primal.backend);
  }
}

export class JetTrace implements Trace {
  readonly pairs: { a: Int32Array; b: Int32Array };

  constructor(
    readonly level: number,
    /** Number of input directions. */
    readonly n: number,
  ) {
    this.pairs = directionPairs(n);
  }

  unpack(x: Tensor): Jet {
    return x instanceof JetTracer && x.trace === this
      ? { primal: x.primal, first: x.first, second: x.second }
      : { primal: x, first: null, second: null };
  }

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const jets = args.map((a) => this.unpack(a));
    const primals = jets.map((j) => j.primal);
    if (jets.every((j) => j.first === null && j.second === null)) return bind(prim, primals, params);
    const own = (primalJetRules[prim] as PrimalJetRule<P> | undefined)?.(jets, params, this);
    if (own) return this.pack(own);
    const out = bind(prim, primals, params);
    return this.pack({ primal: out, ...(jetRules[prim] as JetRule<P>)(jets, out, params, this) });
  }

  private pack({ primal, first, second }: Jet): Tensor {
    return first === null && second === null ? primal : new JetTracer(this, primal, first, second);
  }
}
