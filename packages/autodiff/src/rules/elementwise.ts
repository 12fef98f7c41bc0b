import {
  add,
  bind,
  cast,
  geluDerivative,
  geluStack,
  sum,
  take,
  comparePrims,
  cos,
  div,
  exp,
  greater,
  less,
  log,
  mul,
  neg,
  pow,
  Prim,
  ruleFamily,
  sign,
  sin,
  sqrt,
  sigmoid,
  square,
  sub,
  equal,
  where,
  unaryPrims,
  binaryPrims,
  type BinaryPrim,
  type PrimParams,
  type ComparePrim,
  type Tensor,
  type UnaryPrim,
} from "@nabla/tensor";
import { addMaybe, alignBatched, sumToShape, zerosLike } from "./helpers.js";
import type { BatchRule, JvpRule, RuleSet, VjpRule } from "./types.js";

export type Derivative = (x: Tensor, out: Tensor) => Tensor;

/** d out / d x of each non-linear unary primitive; null where it is zero almost everywhere. */
export const unaryDerivatives: { [P in Exclude<UnaryPrim, Prim.Neg>]: Derivative | null } = {
  [Prim.Exp]: (_, out) => out,
  [Prim.Log]: (x) => div(1, x),
  [Prim.Log1p]: (x) => div(1, add(x, 1)),
  // exp(x), not out + 1, which cancels for x ≪ 0.
  [Prim.Expm1]: (x) => exp(x),
  [Prim.Sin]: (x) => cos(x),
  [Prim.Cos]: (x) => neg(sin(x)),
  [Prim.Tan]: (_, out) => add(square(out), 1),
  // 4 / (eˣ + e⁻ˣ)², not 1 − tanh², which cancels for |x| ≫ 1.
  [Prim.Tanh]: (x) => div(4, square(add(exp(x), exp(neg(x))))),
  [Prim.Sqrt]: (_, out) => div(0.5, out),
  [Prim.Abs]: (x) => sign(x),
  [Prim.Sign]: null,
  [Prim.Erf]: (x) => mul(exp(neg(square(x))), 2 / Math.sqrt(Math.PI)),
  [Prim.Asinh]: (x) => div(1, sqrt(add(square(x), 1))),
  [Prim.Atan]: (x) => div(1, add(square(x), 1)),
  // σ(x)·σ(−x), not σ(1 − σ), which cancels for x ≫ 0.
  [Prim.Sigmoid]: (x, out) => mul(out, sigmoid(neg(x))),
};

function unaryJvp(prim: UnaryPrim): JvpRule<UnaryPrim> {
  if (prim === Prim.Neg) return (_, [dx]) => neg(dx!);
  const d = unaryDerivatives[prim];
  return d === null ? () => null : ([x], [dx], out) => mul(dx!, d(x!, out));
}

function unaryVjp(prim: UnaryPrim): VjpRule<UnaryPrim> {
  if (prim === Prim.Neg) return (ct) => [neg(ct)];
  const d = unaryDerivatives[prim];
  return d === null ? () => [null] : (ct, [x], out) => [mul(ct, d(x!, out))];
}

/** Every elementwise primitive batches the same way: align the batch dimensions and apply it. */
const elementwiseBatch =
  <P extends Prim>(prim: P): BatchRule<P> =>
  (_, vals, dims, params) => {
    const [aligned, dim] = alignBatched(vals, dims);
    return [bind(prim, aligned, params), dim];
  };

/** The derivative of GELU (or of its derivative of some order): the next order, fused for the exact form. */
export const geluSlope = (x: Tensor, { approximate, order }: PrimParams[Prim.Gelu]): Tensor =>
  approximate === "none" ? bind(Prim.Gelu, [x], { approximate, order: order + 1 }) : geluDerivative(x, approximate);

/** A one-operand elementwise primitive keeps the batch dimension where it is. */
const unaryBatch =
  <P extends Prim>(prim: P): BatchRule<P> =>
  (_, [x], [d], params) => [bind(prim, [x!], params), d!];

/** PyTorch splits the derivative of max/min evenly between tied operands; so do we. */
export function pick(prim: Prim.Max | Prim.Min, x: Tensor, y: Tensor): [Tensor, Tensor] {
  const wins = prim === Prim.Max ? greater(x, y) : less(x, y);
  const ties = mul(equal(x, y), 0.5);
  return [add(wins, ties), sub(sub(1, wins), ties)];
}

const binaryJvp: { [P in BinaryPrim]: JvpRule<P> } = {
  [Prim.Add]: (_, [dx, dy]) => addMaybe(dx!, dy!),
  [Prim.Sub]: (_, [dx, dy]) => (dy ? (dx ? sub(dx, dy) : neg(dy)) : dx!),
  [Prim.Mul]: ([x, y], [dx, dy]) => addMaybe(dx ? mul(dx, y!) : null, dy ? mul(x!, dy) : null),
  [Prim.Div]: ([, y], [dx, dy], out) => addMaybe(dx ? div(dx, y!) : null, dy ? neg(mul(div(dy, y!), out)) : null),
  [Prim.Pow]: ([x, y], [dx, dy], out) =>
    // The exponent's term only when it varies: log(x) is NaN for x < 0.
    addMaybe(dx ? mul(dx, mul(y!, pow(x!, sub(y!, 1)))) : null, dy ? mul(dy, mul(log(x!), out)) : null),
  [Prim.Max]: ([x, y], [dx, dy]) => {
    const [wx, wy] = pick(Prim.Max, x!, y!);
    return addMaybe(dx ? mul(dx, wx) : null, dy ? mul(dy, wy) : null);
  },
  [Prim.Min]: ([x, y], [dx, dy]) => {
    const [wx, wy] = pick(Prim.Min, x!, y!);
    return addMaybe(dx ? mul(dx, wx) : null, dy ? mul(dy, wy) : null);
  },
};

/** Cotangents of a broadcasting binary primitive, from each operand's factor, summed back to its shape. */
const reduceTo = (ct: Tensor, factor: Tensor | null, x: Tensor, need: boolean): Tensor | null =>
  need ? sumToShape(factor ? mul(ct, factor) : ct, x.shape) : null;

const binaryVjp: { [P in BinaryPrim]: VjpRule<P> } = {
  [Prim.Add]: (ct, [x, y], _, __, [nx, ny]) => [reduceTo(ct, null, x!, nx!), reduceTo(ct, null, y!, ny!)],
  [Prim.Sub]: (ct, [x, y], _, __, [nx, ny]) => [reduceTo(ct, null, x!, nx!), ny ? neg(sumToShape(ct, y!.shape)) : null],
  [Prim.Mul]: (ct, [x, y], _, __, [nx, ny]) => [reduceTo(ct, y!, x!, nx!), reduceTo(ct, x!, y!, ny!)],
  [Prim.Div]: (ct, [x, y], out, __, [nx, ny]) => [
    nx ? sumToShape(div(ct, y!), x!.shape) : null,
    ny ? neg(sumToShape(div(mul(ct, out), y!), y!.shape)) : null,
  ],
  [Prim.Pow]: (ct, [x, y], out, __, [nx, ny]) => [
    nx ? sumToShape(mul(ct, mul(y!, pow(x!, sub(y!, 1)))), x!.shape) : null,
    ny ? sumToShape(mul(ct, mul(log(x!), out)), y!.shape) : null,
  ],
  [Prim.Max]: (ct, [x, y], _, __, [nx, ny]) => {
    const [wx, wy] = pick(Prim.Max, x!, y!);
    return [reduceTo(ct, wx, x!, nx!), reduceTo(ct, wy, y!, ny!)];
  },
  [Prim.Min]: (ct, [x, y], _, __, [nx, ny]) => {
    const [wx, wy] = pick(Prim.Min, x!, y!);
    return [reduceTo(ct, wx, x!, nx!), reduceTo(ct, wy, y!, ny!)];
  },
};

type Elementwise = UnaryPrim | BinaryPrim | ComparePrim | Prim.Gelu | Prim.GeluStack | Prim.Where | Prim.Cast;

/** The stack's derivative: every order one higher (dx broadcasts along the stacked axis). */
const geluStackSlope = (x: Tensor, { order, count }: PrimParams[Prim.GeluStack]): Tensor => geluStack(x, order + 1, count);

/** Exact GELU's value and slope from one pass: they share one exponential. */
function geluWithSlope(x: Tensor, order: number): [Tensor, Tensor] {
  const stacked = geluStack(x, order, 2);
  return [take(stacked, 0, 0), take(stacked, 1, 0)];
}

/** A jvp rule that computes the primal output too, where that saves a pass; null to fall back to the plain rule. */
export type PrimalJvpRule<P extends Prim> = (
  primals: readonly Tensor[],
  tangents: readonly (Tensor | null)[],
  params: PrimParams[P],
) => { primal: Tensor; tangent: Tensor } | null;

export const primalJvpRules: { [P in Prim]?: PrimalJvpRule<P> } = {
  [Prim.Gelu]: ([x], [dx], { approximate, order }) => {
    if (approximate !== "none" || !dx) return null;
    const [primal, slope] = geluWithSlope(x!, order);
    return { primal, tangent: mul(dx, slope) };
  },
};

/**
 * A vjp rule that computes the primal output too, with what its backward pass
 * needs, where that saves a pass; null to fall back to the plain rule.
 */
export type PrimalVjpRule<P extends Prim> = (
  primals: readonly Tensor[],
  needs: readonly boolean[],
  params: PrimParams[P],
) => { primal: Tensor; backward: (ct: Tensor) => (Tensor | null)[] } | null;

export const primalVjpRules: { [P in Prim]?: PrimalVjpRule<P> } = {
  [Prim.Gelu]: ([x], [need], { approximate, order }) => {
    if (approximate !== "none" || !need) return null;
    const [primal, slope] = geluWithSlope(x!, order);
    return { primal, backward: (ct) => [mul(ct, slope)] };
  },
};

export const elementwiseRules: RuleSet<Elementwise> = {
  jvp: {
    ...ruleFamily(unaryPrims, unaryJvp),
    ...binaryJvp,
    ...ruleFamily(comparePrims, (): JvpRule<ComparePrim> => () => null),
    [Prim.Gelu]: ([x], [dx], _, params) => mul(dx!, geluSlope(x!, params)),
    [Prim.GeluStack]: ([x], [dx], _, params) => mul(dx!, geluStackSlope(x!, params)),
    [Prim.Where]: ([c, x, y], [, dx, dy]) => where(c!, dx ?? zerosLike(x!), dy ?? zerosLike(y!)),
    [Prim.Cast]: (_, [dx], __, { dtype }) => cast(dx!, dtype),
  },
  vjp: {
    ...ruleFamily(unaryPrims, unaryVjp),
    ...binaryVjp,
    ...ruleFamily(comparePrims, (): VjpRule<ComparePrim> => () => [null, null]),
    [Prim.Gelu]: (ct, [x], _, params) => [mul(ct, geluSlope(x!, params))],
    [Prim.GeluStack]: (ct, [x], _, params) => [sum(mul(ct, geluStackSlope(x!, params)), 0)],
    [Prim.Where]: (ct, [c, x, y], _, __, [, nx, ny]) => [
      null,
      nx ? sumToShape(where(c!, ct, 0), x!.shape) : null,
      ny ? sumToShape(where(c!, 0, ct), y!.shape) : null,
    ],
    [Prim.Cast]: (ct, [x]) => [cast(ct, x!.dtype)],
  },
  batch: {
    ...ruleFamily([...unaryPrims, Prim.Gelu, Prim.Cast] as const, unaryBatch),
    ...ruleFamily([...binaryPrims, ...comparePrims, Prim.Where] as const, elementwiseBatch),
    // The stacked axis comes first: the batch dimension moves one to the right.
    [Prim.GeluStack]: (_, [x], [d], params) => [bind(Prim.GeluStack, [x!], params), d! + 1],
  },
};
