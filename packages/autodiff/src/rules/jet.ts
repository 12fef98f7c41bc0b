import {
  add,
  bind,
  comparePrims,
  div,
  moveAxis,
  mul,
  neg,
  ones,
  pow,
  Prim,
  reshape,
  secondChain,
  geluJet,
  geluStack,
  stack,
  ruleFamily,
  sub,
  take,
  unaryPrims,
  zeros,
  type PrimParams,
  type Tensor,
  type UnaryPrim,
} from "@nabla/tensor";
import { JetTracer, type JetTrace } from "../interpreters/jet.js";
import { forward } from "../transforms/jvp.js";
import { batchRules, type BatchRule } from "./index.js";
import { geluSlope, pick, unaryDerivatives } from "./elementwise.js";
import { composedOf } from "./taylor.js";

/** A value and its Taylor coefficients along the trace's directions (null: zero). */
export interface Jet {
  primal: Tensor;
  first: Tensor | null;
  second: Tensor | null;
}

type Coefficients = Pick<Jet, "first" | "second">;

export type JetRule<P extends Prim> = (jets: Jet[], out: Tensor, params: PrimParams[P], trace: JetTrace) => Coefficients;

/**
 * The primitive applied along a leading coefficient axis of size `size`: the
 * batching rules already know how, for operands with (dim 0) or without (null) it.
 */
function alongCoefficients<P extends Prim>(prim: P, size: number, vals: Tensor[], dims: (number | null)[], params: PrimParams[P]): Tensor {
  const [out, dim] = (batchRules[prim] as BatchRule<P>)(size, vals, dims, params);
  return dim === null
    ? bind(Prim.BroadcastTo, [bind(Prim.Reshape, [out], { shape: [1, ...out.shape] })], { shape: [size, ...out.shape] })
    : moveAxis(out, dim, 0);
}

const sizeOf0 = (t: Tensor): number => t.shape[0]!;

/** Coefficients [k, ...s] broadcast to [k, ...shape]. */
const fit = (t: Tensor | null, shape: readonly number[]): Tensor | null =>
  t === null || (t.rank === shape.length + 1 && shape.every((d, i) => t.shape[i + 1] === d))
    ? t
    : alongCoefficients(Prim.BroadcastTo, sizeOf0(t), [t], [0], { shape: [...shape] });

const plus = (...terms: (Tensor | null)[]): Tensor | null =>
  terms.reduce<Tensor | null>((acc, t) => (t === null ? acc : acc === null ? t : add(acc, t)), null);

/** A bilinear primitive (mul, matmul) with the coefficients on one side and a plain value on the other. */
const onLeft = (prim: Prim.Mul | Prim.Matmul, t: Tensor | null, right: Tensor): Tensor | null =>
  t && alongCoefficients(prim, sizeOf0(t), [t, right], [0, null], {});
const onRight = (prim: Prim.Mul | Prim.Matmul, left: Tensor, t: Tensor | null): Tensor | null =>
  t && alongCoefficients(prim, sizeOf0(t), [left, t], [null, 0], {});

/** The pair products t[a_k] ∘ s[b_k] + t[b_k] ∘ s[a_k] of two first-order coefficient sets. */
function crossTerms(prim: Prim.Mul | Prim.Matmul, t: Tensor | null, s: Tensor | null, trace: JetTrace): Tensor | null {
  if (t === null || s === null) return null;
  const { a, b } = trace.pairs;
  const P = a.length;
  const ab = alongCoefficients(prim, P, [take(t, a, 0), take(s, b, 0)], [0, 0], {});
  return add(ab, alongCoefficients(prim, P, [take(t, b, 0), take(s, a, 0)], [0, 0], {}));
}

function bilinear(prim: Prim.Mul | Prim.Matmul, [u, w]: Jet[], out: Tensor, trace: JetTrace): Coefficients {
  return {
    first: fit(plus(onLeft(prim, u!.first, w!.primal), onRight(prim, u!.primal, w!.first)), out.shape),
    second: fit(
      plus(onLeft(prim, u!.second, w!.primal), onRight(prim, u!.primal, w!.second), crossTerms(prim, u!.first, w!.first, trace)),
      out.shape,
    ),
  };
}

/** z = g(x) elementwise, from g′(x): its first-order coefficients z₁ = g′x₁. */
export const chainFirst = (x: Jet, d1: Tensor): Tensor | null => fit(onLeft(Prim.Mul, x.first, d1), x.primal.shape);

/**
 * g″ x₁ₐx₁ᵦ, plus g′x₂ where `more` gives them: the second-order coefficients
 * [P, ...shape] of z = g(x) elementwise, in one fused pass.
 */
export function pairTerm(d2: Tensor, first: Tensor, shape: readonly number[], more?: { d1: Tensor; second: Tensor }): Tensor {
  // Every operand as [coefficients, ...shape] of one rank (g′ and g″ with one coefficient): reshapes, no copies.
  const rank = Math.max(d2.rank, first.rank - 1, more ? Math.max(more.d1.rank, more.second.rank - 1) : 0);
  const lined = (t: Tensor, coefficients: boolean) => {
    const rest = coefficients ? t.shape.slice(1) : t.shape;
    return reshape(t, [coefficients ? t.shape[0]! : 1, ...new Array<number>(rank - rest.length).fill(1), ...rest]);
  };
  const x2 = more && { g1: lined(more.d1, false), x2: lined(more.second, true) };
  return fit(secondChain(lined(d2, false), lined(first, true), 0, x2), shape)!;
}

/** z = g(x) elementwise, from g′(x) and g″(x): z₁ = g′x₁, z₂ = g′x₂ + g″ x₁ₐx₁ᵦ (one fused pass). */
function chain(x: Jet, d1: Tensor, d2: Tensor | null): Coefficients {
  const first = chainFirst(x, d1);
  if (x.first === null || d2 === null) return { first, second: fit(onLeft(Prim.Mul, x.second, d1), x.primal.shape) };
  return { first, second: pairTerm(d2, x.first, x.primal.shape, x.second ? { d1, second: x.second } : undefined) };
}

/** The jet of a primitive defined by a composition: the composition run on this trace's tracers. */
const byComposition =
  <P extends Prim>(f: (params: PrimParams[P]) => (...xs: Tensor[]) => Tensor): JetRule<P> =>
  (jets, _, params, trace) => {
    const { first, second } = trace.unpack(f(params)(...jets.map((j) => new JetTracer(trace, j.primal, j.first, j.second))));
    return { first, second };
  };

/** The derivative of an elementwise function, by forward mode along ones. */
const slopeOf = (d: (x: Tensor) => Tensor, x: Tensor): Tensor =>
  forward("jet", (v) => d(v), [x], [ones(x.shape, { dtype: x.dtype, backend: x.backend })], false).tangent as Tensor;

/** g′ and g″ of a non-linear unary primitive g, from x and g(x). */
function unarySlopes(prim: Exclude<UnaryPrim, Prim.Neg>): ((x: Tensor, out: Tensor) => { d1: Tensor; d2: Tensor }) | null {
  const d = unaryDerivatives[prim];
  if (d === null) return null;
  const first = (x: Tensor): Tensor => d(x, bind(prim, [x], {}));
  return (x, out) => ({ d1: d(x, out), d2: slopeOf(first, x) });
}

function unaryJet(prim: UnaryPrim): JetRule<UnaryPrim> {
  if (prim === Prim.Neg) return linear<UnaryPrim>(prim);
  const slopes = unarySlopes(prim);
  if (slopes === null) return () => ({ first: null, second: null });
  return ([x], out) => {
    const { d1, d2 } = slopes(x!.primal, out);
    return chain(x!, d1, d2);
  };
}

/** A primitive linear in its one operand: the coefficients go through it. */
const linear =
  <P extends Prim>(prim: P): JetRule<P> =>
  ([x], _, params) => ({
    first: x!.first && alongCoefficients(prim, sizeOf0(x!.first), [x!.first], [0], params),
    second: x!.second && alongCoefficients(prim, sizeOf0(x!.second), [x!.second], [0], params),
  });

/** Sums and differences: coefficients add (negated for the subtrahend), broadcast to the output. */
function additive(sign: 1 | -1): JetRule<Prim.Add | Prim.Sub> {
  const term = (t: Tensor | null, s: number, shape: readonly number[]) => fit(t && (s < 0 ? neg(t) : t), shape);
  return ([u, w], out) => ({
    first: plus(term(u!.first, 1, out.shape), term(w!.first, sign, out.shape)),
    second: plus(term(u!.second, 1, out.shape), term(w!.second, sign, out.shape)),
  });
}

/** 1/w with its coefficients, for division as u · (1/w). */
function reciprocalJet(w: Jet): Jet {
  const r = div(1, w.primal);
  const r2 = mul(r, r);
  return { primal: r, ...chain(w, neg(r2), mul(mul(r2, r), 2)) };
}

function powJet([u, w]: Jet[], out: Tensor, _: PrimParams[Prim.Pow], trace: JetTrace): Coefficients {
  const y = w!.primal;
  if (w!.first === null && w!.second === null) {
    // A constant exponent: g′ = y u^(y−1), g″ = y (y−1) u^(y−2).
    return chain(u!, mul(y, pow(u!.primal, sub(y, 1))), mul(mul(y, sub(y, 1)), pow(u!.primal, sub(y, 2))));
  }
  // u^w = exp(w log u).
  const logU: Jet = { primal: bind(Prim.Log, [u!.primal], {}), ...chain(u!, div(1, u!.primal), neg(div(1, mul(u!.primal, u!.primal)))) };
  const exponent: Jet = { primal: mul(w!.primal, logU.primal), ...bilinear(Prim.Mul, [w!, logU], mul(w!.primal, logU.primal), trace) };
  return chain(exponent, out, out);
}

/** Piecewise-linear selections: coefficients are weighted by which operand is chosen. */
function selectJet(prim: Prim.Max | Prim.Min): JetRule<Prim.Max | Prim.Min> {
  return ([u, w], out) => {
    const [wu, ww] = pick(prim, u!.primal, w!.primal);
    const part = (t: Tensor | null, weight: Tensor) => fit(onLeft(Prim.Mul, t, weight), out.shape);
    return { first: plus(part(u!.first, wu), part(w!.first, ww)), second: plus(part(u!.second, wu), part(w!.second, ww)) };
  };
}

function whereJet([c, x, y]: Jet[], out: Tensor): Coefficients {
  const select = (tx: Tensor | null, ty: Tensor | null): Tensor | null => {
    if (tx === null && ty === null) return null;
    const k = sizeOf0((tx ?? ty)!);
    const orZeros = (t: Tensor | null, v: Tensor) => t ?? zeros([k, ...v.shape], { dtype: v.dtype, backend: v.backend });
    return fit(alongCoefficients(Prim.Where, k, [c!.primal, orZeros(tx, x!.primal), orZeros(ty, y!.primal)], [null, 0, 0], {}), out.shape);
  };
  return { first: select(x!.first, y!.first), second: select(x!.second, y!.second) };
}

function concatJet(jets: Jet[], _: Tensor, params: PrimParams[Prim.Concat]): Coefficients {
  const join = (coef: (j: Jet) => Tensor | null): Tensor | null => {
    const present = jets.map(coef);
    const some = present.find((t) => t !== null);
    if (some === undefined || some === null) return null;
    const k = sizeOf0(some);
    const all = present.map((t, i) => t ?? zeros([k, ...jets[i]!.primal.shape], { dtype: some.dtype, backend: some.backend }));
    return alongCoefficients(
      Prim.Concat,
      k,
      all,
      all.map(() => 0),
      params,
    );
  };
  return { first: join((j) => j.first), second: join((j) => j.second) };
}

/** GELU's value, g′ and g″: the exact form's from one pass (they share one exponential). */
function geluSlopes(x: Tensor, params: PrimParams[Prim.Gelu]): { value: Tensor; d1: Tensor; d2: Tensor } {
  if (params.approximate === "none") {
    const stacked = geluStack(x, params.order, 3);
    const [value, d1, d2] = [0, 1, 2].map((k) => take(stacked, k, 0));
    return { value: value!, d1: d1!, d2: d2! };
  }
  return { value: bind(Prim.Gelu, [x], params), d1: geluSlope(x, params), d2: slopeOf((v) => geluSlope(v, params), x) };
}

/** A jet rule that computes the primal output too, when that saves a pass; null to fall back to the plain rule. */
export type PrimalJetRule<P extends Prim> = (jets: Jet[], params: PrimParams[P], trace: JetTrace) => Jet | null;

/** A run of `count` indices from `from`: a block of a stack's leading axis, which take shares rather than copies. */
const run = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

const geluJetWithValue: PrimalJetRule<Prim.Gelu> = ([x], params) => {
  if (params.approximate === "none" && x!.first !== null) {
    // Value and coefficients from one kernel, stacked on a leading axis: G′ and G″ never leave it.
    const n = sizeOf0(x!.first);
    const stacked = geluJet(x!.primal, x!.first, params.order, x!.second ?? undefined);
    return { primal: take(stacked, 0, 0), first: take(stacked, run(1, n), 0), second: take(stacked, run(1 + n, (n * (n + 1)) / 2), 0) };
  }
  const { value, d1, d2 } = geluSlopes(x!.primal, params);
  return { primal: value, ...chain(x!, d1, d2) };
};

export const primalJetRules: { [P in Prim]?: PrimalJetRule<P> } = { [Prim.Gelu]: geluJetWithValue };

/**
 * An elementwise g's value, g′ and g″ at x, for the primitives whose jet is
 * `chain` of them (with their own term g″ x₁ₐx₁ᵦ); absent for the others.
 */
export type ElementwiseSlopes<P extends Prim> = (x: Tensor, params: PrimParams[P]) => { value: Tensor; d1: Tensor; d2: Tensor };

export const elementwiseSlopes: { [P in Prim]?: ElementwiseSlopes<P> } = {
  ...Object.fromEntries(
    unaryPrims.flatMap((prim) => {
      const slopes = prim === Prim.Neg ? null : unarySlopes(prim);
      if (slopes === null) return [];
      const withValue: ElementwiseSlopes<UnaryPrim> = (x) => {
        const value = bind(prim, [x], {});
        return { value, ...slopes(x, value) };
      };
      return [[prim, withValue]];
    }),
  ),
  [Prim.Gelu]: geluSlopes,
};

const none = (): Coefficients => ({ first: null, second: null });

// Exhaustive: a primitive without a jet rule does not compile.
export const jetRules: { [P in Prim]: JetRule<P> } = {
  ...ruleFamily(unaryPrims, unaryJet),
  ...ruleFamily(comparePrims, () => none),
  // The table must have it, but JetTrace takes GELU's primalJetRules entry, which always applies.
  [Prim.Gelu]: ([x], _, params) => {
    const { d1, d2 } = geluSlopes(x!.primal, params);
    return chain(x!, d1, d2);
  },
  [Prim.GeluStack]: byComposition(
    ({ order, count }) =>
      (x) =>
        stack(
          Array.from({ length: count }, (_, k) => bind(Prim.Gelu, [x!], { approximate: "none", order: order + k })),
          0,
        ),
  ),
  [Prim.Add]: additive(1),
  [Prim.Sub]: additive(-1),
  [Prim.Mul]: (jets, out, _, trace) => bilinear(Prim.Mul, jets, out, trace),
  [Prim.Matmul]: (jets, out, _, trace) => bilinear(Prim.Matmul, jets, out, trace),
  [Prim.SecondChain]: byComposition(composedOf[Prim.SecondChain]),
  [Prim.GeluJet]: byComposition(composedOf[Prim.GeluJet]),
  [Prim.Div]: ([u, w], out, _, trace) => bilinear(Prim.Mul, [u!, reciprocalJet(w!)], out, trace),
  [Prim.Pow]: powJet,
  [Prim.Max]: selectJet(Prim.Max),
  [Prim.Min]: selectJet(Prim.Min),
  [Prim.Where]: whereJet,
  [Prim.Concat]: concatJet,
  [Prim.Cast]: linear(Prim.Cast),
  [Prim.Reshape]: linear(Prim.Reshape),
  [Prim.BroadcastTo]: linear(Prim.BroadcastTo),
  [Prim.Transpose]: linear(Prim.Transpose),
  [Prim.Slice]: linear(Prim.Slice),
  [Prim.Pad]: linear(Prim.Pad),
  [Prim.Take]: linear(Prim.Take),
  [Prim.IndexAdd]: linear(Prim.IndexAdd),
  [Prim.ReduceSum]: linear(Prim.ReduceSum),
};
