import { IndexError, ShapeError } from "./errors.js";
import { binaryPrims, comparePrims, Prim, ruleFamily, unaryPrims, type DType, type PrimParams } from "./primitives.js";
import { broadcastShapes, checkShape, fmt, sizeOf, type Shape } from "./shape.js";

/** What is known of a value without its data. */
export interface Aval {
  readonly shape: Shape;
  readonly dtype: DType;
}

type ShapeRule<P extends Prim> = (avals: readonly Aval[], params: PrimParams[P]) => Aval;

const promote = (avals: readonly Aval[]): DType => (avals.some((a) => a.dtype === "float64") ? "float64" : "float32");

const elementwise =
  (name: string): ShapeRule<Prim> =>
  (avals) => ({
    shape: broadcastShapes(name, ...avals.map((a) => a.shape)),
    dtype: promote(avals),
  });

function matmulRule([a, b]: readonly Aval[]): Aval {
  const sa = a!.shape,
    sb = b!.shape;
  if (sa.length < 2 || sb.length < 2) throw new ShapeError(`matmul: operands must have rank >= 2, got ${fmt(sa)} and ${fmt(sb)}`);
  const [m, k] = sa.slice(-2) as [number, number];
  const [k2, n] = sb.slice(-2) as [number, number];
  if (k !== k2) throw new ShapeError(`matmul: inner dimensions differ: ${fmt(sa)} @ ${fmt(sb)} (${k} vs ${k2})`);
  const batch = broadcastShapes("matmul", sa.slice(0, -2), sb.slice(0, -2));
  return { shape: [...batch, m, n], dtype: promote([a!, b!]) };
}

function concatRule(avals: readonly Aval[], { axis }: PrimParams[Prim.Concat]): Aval {
  const first = avals[0]!.shape;
  let total = 0;
  for (const [i, a] of avals.entries()) {
    if (a.shape.length !== first.length || a.shape.some((d, j) => j !== axis && d !== first[j])) {
      throw new ShapeError(`concat: tensor ${i} has shape ${fmt(a.shape)}, which differs from ${fmt(first)} outside axis ${axis}`);
    }
    total += a.shape[axis]!;
  }
  const shape = [...first];
  shape[axis] = total;
  return { shape, dtype: promote(avals) };
}

function sliceRule([x]: readonly Aval[], { starts, ends }: PrimParams[Prim.Slice]): Aval {
  const shape = x!.shape.map((d, i) => {
    const s = starts[i]!,
      e = ends[i]!;
    if (s < 0 || e > d || s > e) throw new IndexError(`slice: range [${s}, ${e}) is out of bounds for axis ${i} of size ${d}`);
    return e - s;
  });
  return { shape, dtype: x!.dtype };
}

function reshapeRule([x]: readonly Aval[], { shape }: PrimParams[Prim.Reshape]): Aval {
  checkShape("reshape", shape);
  if (sizeOf(shape) !== sizeOf(x!.shape))
    throw new ShapeError(`reshape: cannot reshape ${fmt(x!.shape)} (${sizeOf(x!.shape)} elements) to ${fmt(shape)} (${sizeOf(shape)} elements)`);
  return { shape: [...shape], dtype: x!.dtype };
}

function broadcastToRule([x]: readonly Aval[], { shape }: PrimParams[Prim.BroadcastTo]): Aval {
  checkShape("broadcastTo", shape);
  const out = broadcastShapes("broadcastTo", x!.shape, shape);
  if (out.length !== shape.length || out.some((d, i) => d !== shape[i])) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${fmt(x!.shape)} to ${fmt(shape)}`);
  }
  return { shape: [...shape], dtype: x!.dtype };
}

function transposeRule([x]: readonly Aval[], { perm }: PrimParams[Prim.Transpose]): Aval {
  const rank = x!.shape.length;
  const seen = new Set(perm);
  if (perm.length !== rank || seen.size !== rank || perm.some((p) => !(p >= 0 && p < rank))) {
    throw new ShapeError(`transpose: perm ${fmt(perm)} is not a permutation of the ${rank} axes of ${fmt(x!.shape)}`);
  }
  return { shape: perm.map((p) => x!.shape[p]!), dtype: x!.dtype };
}

function reduceSumRule([x]: readonly Aval[], { axes }: PrimParams[Prim.ReduceSum]): Aval {
  return { shape: x!.shape.filter((_, i) => !axes.includes(i)), dtype: x!.dtype };
}

const withAxisLength = (shape: Shape, axis: number, length: number): number[] => shape.map((d, i) => (i === axis ? length : d));

function secondChainRule(avals: readonly Aval[], { axis }: PrimParams[Prim.SecondChain]): Aval {
  if (avals.length !== 2 && avals.length !== 4) {
    throw new ShapeError(`secondChain: expected the operands g″ and x₁, then optionally g′ and x₂; got ${avals.length}`);
  }
  const x1 = avals[1]!;
  const rank = x1.shape.length;
  if (!(Number.isInteger(axis) && axis >= 0 && axis < rank)) throw new ShapeError(`secondChain: axis ${axis} is not an axis of x₁ ${fmt(x1.shape)}`);
  const n = x1.shape[axis]!;
  const pairs = (n * (n + 1)) / 2;
  const expected = [1, n, 1, pairs];
  avals.forEach((v, i) => {
    if (v.shape.length !== rank || v.shape[axis] !== expected[i]) {
      const name = ["g″", "x₁", "g′", "x₂"][i];
      throw new ShapeError(`secondChain: ${name} must have rank ${rank} and length ${expected[i]} along axis ${axis}, got ${fmt(v.shape)}`);
    }
  });
  const shape = broadcastShapes("secondChain", ...avals.map((v) => v.shape.map((d, i) => (i === axis ? 1 : d))));
  shape[axis] = pairs;
  return { shape, dtype: promote(avals) };
}

function geluJetRule(avals: readonly Aval[], { order }: PrimParams[Prim.GeluJet]): Aval {
  if (avals.length !== 2 && avals.length !== 3)
    throw new ShapeError(`geluJet: expected the operands x and x₁, then optionally x₂; got ${avals.length}`);
  if (!Number.isInteger(order) || order < 0) throw new ShapeError(`geluJet: expected a derivative order ≥ 0, got ${order}`);
  const [x, x1, x2] = avals as [Aval, Aval, Aval?];
  if (x1.shape.length === 0) throw new ShapeError(`geluJet: x₁ must have its n coefficients on a first axis, got a scalar`);
  const n = x1.shape[0]!;
  const pairs = (n * (n + 1)) / 2;
  if (x2 && x2.shape[0] !== pairs) {
    throw new ShapeError(`geluJet: x₂ must have n(n+1)/2 = ${pairs} coefficients on its first axis (x₁ has n = ${n}), got ${fmt(x2.shape)}`);
  }
  const shape = broadcastShapes("geluJet", x.shape, x1.shape.slice(1), ...(x2 ? [x2.shape.slice(1)] : []));
  return { shape: [1 + n + pairs, ...shape], dtype: promote(avals) };
}

const shapeRules: { [P in Prim]: ShapeRule<P> } = {
  ...ruleFamily(
    unaryPrims,
    (): ShapeRule<Prim> =>
      ([x]) =>
        x!,
  ),
  ...ruleFamily([...binaryPrims, ...comparePrims], elementwise),
  [Prim.Gelu]: ([x], { approximate, order }) => {
    if (!Number.isInteger(order) || order < 0 || (approximate === "tanh" && order > 0)) {
      throw new ShapeError(`gelu: derivative order ${order} is not available for approximate "${approximate}" (exact: any order ≥ 0; tanh: 0)`);
    }
    return x!;
  },
  [Prim.GeluStack]: ([x], { order, count }) => {
    if (!Number.isInteger(order) || order < 0 || !Number.isInteger(count) || count < 1) {
      throw new ShapeError(`geluStack: expected a derivative order ≥ 0 and a count ≥ 1, got order ${order} and count ${count}`);
    }
    return { shape: [count, ...x!.shape], dtype: x!.dtype };
  },
  [Prim.Where]: ([c, x, y]) => ({ shape: broadcastShapes("where", c!.shape, x!.shape, y!.shape), dtype: promote([x!, y!]) }),
  [Prim.Cast]: ([x], { dtype }) => ({ shape: x!.shape, dtype }),
  [Prim.Reshape]: reshapeRule,
  [Prim.BroadcastTo]: broadcastToRule,
  [Prim.Transpose]: transposeRule,
  [Prim.Concat]: concatRule,
  [Prim.Slice]: sliceRule,
  [Prim.Pad]: ([x], { before, after }) => ({ shape: x!.shape.map((d, i) => d + before[i]! + after[i]!), dtype: x!.dtype }),
  [Prim.Take]: ([x], { indices, axis }) => ({ shape: withAxisLength(x!.shape, axis, indices.length), dtype: x!.dtype }),
  [Prim.IndexAdd]: ([x], { axis, size }) => ({ shape: withAxisLength(x!.shape, axis, size), dtype: x!.dtype }),
  [Prim.ReduceSum]: reduceSumRule,
  [Prim.Matmul]: matmulRule,
  [Prim.SecondChain]: secondChainRule,
  [Prim.GeluJet]: geluJetRule,
};

/** The shape and dtype a primitive produces, or a ShapeError naming the op and the shapes. */
export function abstractEval<P extends Prim>(prim: P, avals: readonly Aval[], params: PrimParams[P]): Aval {
  return (shapeRules[prim] as ShapeRule<P>)(avals, params);
}
