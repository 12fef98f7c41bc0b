import { add, bind, matmul, mul, reshape, Tracer, type Prim, type PrimParams, type Tensor, type Trace } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { vjpRules, type VjpRule } from "../rules/index.js";
import {
  chainFirst,
  elementwiseSlopes,
  jetRules,
  pairTerm,
  primalJetRules,
  type ElementwiseSlopes,
  type JetRule,
  type PrimalJetRule,
} from "../rules/jet.js";
import { JetTrace } from "./jet.js";
import { backpropagate, Node } from "./reverse.js";

/** A value with its n first derivatives `first` [n, ...shape], recorded on the tape of a JetAdjointTrace. */
export class JetAdjointTracer extends Tracer {
  constructor(
    override readonly trace: JetAdjointTrace,
    readonly primal: Tensor,
    readonly first: Tensor,
    readonly node: Node,
  ) {
    super(trace, primal.shape, primal.dtype, primal.backend);
  }
}

/**
 * Second-order Taylor mode with its second-order coefficients gathered in
 * reverse. A value's second-order coefficients obey a linear recurrence: at
 * each primitive, the coefficients of its operands go through its
 * linearization, plus a term of the primitive's own from its operands' first
 * derivatives (g″ x₁ₐx₁ᵦ for an elementwise g, the cross terms of a product;
 * none for a linear primitive). So an output's second-order coefficients are
 * the sum over primitives of ⟨the output's cotangent at the primitive, its own
 * term⟩. This trace pushes the value and the n first derivatives forward,
 * keeps each primitive's own term (the jet rule with zero second-order
 * operands) and records the primal computation; `secondOrderAlong` then runs
 * one reverse pass per output cotangent. That is 1 + n forward passes and one
 * reverse pass per output, where Taylor mode pushes 1 + n + n(n+1)/2.
 */
export class JetAdjointTrace implements Trace {
  /** Applies the jet rules (and runs their compositions) one level above this trace. */
  private readonly jet: JetTrace;
  /** Each primitive's own second-order term [P, ...shape], by its tape node. */
  private readonly own = new Map<Node, Tensor>();

  constructor(
    readonly level: number,
    /** Number of input directions. */
    readonly n: number,
  ) {
    this.jet = new JetTrace(newLevel(), n);
  }

  get pairs(): number {
    return this.jet.pairs.a.length;
  }

  unpack(x: Tensor): { primal: Tensor; first: Tensor | null; node: Node | null } {
    return x instanceof JetAdjointTracer && x.trace === this ? x : { primal: x, first: null, node: null };
  }

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const parts = args.map((a) => this.unpack(a));
    const primals = parts.map((p) => p.primal);
    if (parts.every((p) => p.first === null)) return bind(prim, primals, params);
    const parents = parts.map((p) => p.node);
    const slopes = elementwiseSlopes[prim] as ElementwiseSlopes<P> | undefined;
    if (slopes) {
      // g′ serves the first derivatives and, kept, the reverse pass (the vjp rule would compute it again).
      const x = parts[0]!;
      const { value, d1, d2 } = slopes(x.primal, params);
      const first = chainFirst({ primal: x.primal, first: x.first, second: null }, d1)!;
      const node = new Node(parents, (ct) => [mul(ct, d1)]);
      this.own.set(node, pairTerm(d2, x.first!, value.shape));
      return new JetAdjointTracer(this, value, first, node);
    }
    const jets = parts.map(({ primal, first }) => ({ primal, first, second: null }));
    const withValue = (primalJetRules[prim] as PrimalJetRule<P> | undefined)?.(jets, params, this.jet);
    const out = withValue ? withValue.primal : bind(prim, primals, params);
    const { first, second } = withValue ?? (jetRules[prim] as JetRule<P>)(jets, out, params, this.jet);
    if (first === null) return out;
    // The reverse pass runs the rule later, on the primals kept here, at the levels below this one.
    const needs = parents.map((p) => p !== null);
    const node = new Node(parents, (ct) => (vjpRules[prim] as VjpRule<P>)(ct, primals, out, params, needs));
    if (second !== null) this.own.set(node, second);
    return new JetAdjointTracer(this, out, first, node);
  }

  /**
   * The second-order coefficients [P] of ⟨ct, output⟩ for the output recorded
   * at `node`: one reverse pass from `ct`, contracting each primitive's own
   * term with the cotangent reaching it.
   */
  secondOrderAlong(node: Node, ct: Tensor): Tensor | null {
    let total: Tensor | null = null;
    backpropagate([[node, ct]], [], (at, atCt) => {
      const term = this.own.get(at);
      if (term === undefined) return;
      // [P, S] · [S, 1]: under vmap, one small product per point and cotangent.
      const p = term.shape[0]!;
      const contracted = reshape(matmul(reshape(term, [p, atCt.size]), reshape(atCt, [atCt.size, 1])), [p]);
      total = total === null ? contracted : add(total, contracted);
    });
    return total;
  }
}
