import {
  abs,
  add,
  asinh,
  atan,
  concat,
  cos,
  div,
  equal,
  erf,
  exp,
  expm1,
  gelu,
  geluDerivative,
  geluJet,
  geluStack,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  log1p,
  matmul,
  maximum,
  minimum,
  mul,
  neg,
  notEqual,
  pad,
  pow,
  reshape,
  sigmoid,
  sign,
  sin,
  slice,
  sqrt,
  stack,
  sub,
  sum,
  take,
  secondChain,
  tan,
  tanh,
  tensor,
  transpose,
  where,
  broadcastTo,
  Prim,
  bind,
  type Backend,
  type Tensor,
} from "@nabla/tensor";

/**
 * One check of a primitive: operands drawn from a seeded generator, an op,
 * and the error allowed against the float64 CPU backend (|gpu − cpu| ≤ atol + rtol·|cpu|).
 */
export interface PrimitiveCase {
  readonly name: string;
  readonly shapes: readonly (readonly number[])[];
  /** Operands in [lo, hi). */
  readonly range?: readonly [number, number];
  readonly op: (...xs: Tensor[]) => Tensor;
  readonly rtol?: number;
  readonly atol?: number;
}

/** mulberry32: deterministic operands, so that a failure reproduces in Node and in the page alike. */
export function seeded(seed: number, count: number, lo: number, hi: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: count }, () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  });
}

const unary = (name: string, op: (x: Tensor) => Tensor, range: [number, number] = [-3, 3], rtol = 2e-6, atol = 1e-6): PrimitiveCase => ({
  name,
  shapes: [[7, 33]],
  range,
  op,
  rtol,
  atol,
});
const binary = (
  name: string,
  op: (a: Tensor, b: Tensor) => Tensor,
  shapes: number[][] = [
    [5, 1, 9],
    [4, 9],
  ],
  range: [number, number] = [-3, 3],
): PrimitiveCase => ({ name, shapes, range, op, rtol: 2e-6, atol: 1e-6 });

export const primitiveCases: readonly PrimitiveCase[] = [
  unary("neg", neg),
  unary("exp", exp),
  unary("log", log, [0.01, 20]),
  unary("log1p", log1p, [-0.9, 5]),
  unary("log1p near 0", log1p, [-1e-4, 1e-4]),
  unary("expm1", expm1, [-5, 5]),
  unary("expm1 near 0", expm1, [-1e-4, 1e-4]),
  unary("sin", sin),
  unary("cos", cos),
  unary("tan", tan, [-1.2, 1.2], 5e-6),
  unary("tanh", tanh, [-12, 12]),
  unary("tanh near 0", tanh, [-1e-3, 1e-3]),
  unary("sqrt", sqrt, [0, 9]),
  unary("abs", abs),
  unary("sign", sign),
  unary("erf", erf, [-5, 5]),
  unary("erf near 0", erf, [-1e-3, 1e-3]),
  unary("asinh", asinh, [-50, 50]),
  unary("asinh near 0", asinh, [-1e-3, 1e-3]),
  unary("atan", atan, [-10, 10]),
  unary("sigmoid", sigmoid, [-30, 30]),
  unary("gelu", (x) => gelu(x), [-6, 6]),
  unary("gelu tanh", (x) => gelu(x, "tanh"), [-6, 6]),
  unary("gelu′", (x) => geluDerivative(x), [-6, 6]),
  ...[2, 3, 4].map((order) => unary(`gelu order ${order}`, (x) => bind(Prim.Gelu, [x], { approximate: "none", order }), [-6, 6], 1e-5, 1e-6)),
  { name: "geluStack of orders 0–3", shapes: [[7, 9]], range: [-6, 6], op: (x) => geluStack(x, 0, 4), rtol: 1e-5, atol: 1e-6 },
  binary("add", add),
  binary("sub", sub),
  binary("mul", mul),
  binary(
    "div",
    div,
    [
      [5, 1, 9],
      [4, 9],
    ],
    [0.5, 3],
  ),
  binary(
    "pow",
    pow,
    [
      [3, 8],
      [3, 8],
    ],
    [0.1, 3],
  ),
  {
    name: "pow of a negative base",
    shapes: [[16]],
    range: [-2, 2],
    op: (x) => pow(x, tensor([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], [16], { backend: x.backend, dtype: x.dtype })),
    rtol: 2e-6,
    atol: 1e-6,
  },
  binary("maximum", maximum),
  binary("minimum", minimum),
  binary("less", less),
  binary("lessEqual", lessEqual),
  binary("greater", greater),
  binary("greaterEqual", greaterEqual),
  { name: "equal", shapes: [[6, 5]], op: (a) => equal(a, take(a, [0, 1, 1, 3, 2], 1)) },
  { name: "notEqual", shapes: [[6, 5]], op: (a) => notEqual(a, take(a, [0, 1, 1, 3, 2], 1)) },
  {
    name: "where",
    shapes: [
      [4, 1, 6],
      [3, 6],
      [4, 3, 1],
    ],
    op: (c, x, y) => where(greater(c, 0), x, y),
  },
  { name: "broadcastTo", shapes: [[3, 1, 5]], op: (x) => broadcastTo(x, [2, 3, 4, 5]) },
  { name: "transpose", shapes: [[3, 4, 5, 2]], op: (x) => transpose(x, [2, 0, 3, 1]) },
  { name: "slice", shapes: [[6, 7, 5]], op: (x) => slice(x, [1, 2, 0], [5, 7, 3]) },
  { name: "pad", shapes: [[3, 4]], op: (x) => pad(x, [1, 0], [2, 3]) },
  {
    name: "concat",
    shapes: [
      [2, 3, 4],
      [2, 1, 4],
      [2, 5, 4],
    ],
    op: (a, b, c) => concat([a, b, c], 1),
  },
  { name: "stack of ten", shapes: Array.from({ length: 10 }, () => [3, 2]), op: (...xs) => stack(xs, 1) },
  { name: "take", shapes: [[4, 6, 3]], op: (x) => take(x, [5, 0, 0, 2, 5, 1, 3], 1) },
  {
    name: "secondChain with x₂, broadcast",
    shapes: [
      [5, 1, 7],
      [1, 1, 7],
      [5, 3, 1],
      [5, 6, 7],
    ],
    op: (g1, g2, x1, x2) => secondChain(g2!, x1!, 1, { g1: g1!, x2: x2! }),
    rtol: 1e-5,
    atol: 1e-6,
  },
  {
    name: "secondChain without x₂, pairs last",
    shapes: [
      [4, 1],
      [4, 2],
    ],
    op: (g2, x1) => secondChain(g2!, x1!, 1),
    rtol: 1e-5,
    atol: 1e-6,
  },
  {
    name: "geluJet with x₂, x₁ shared along x's first axis",
    shapes: [
      [5, 7],
      [2, 1, 7],
      [3, 5, 7],
    ],
    range: [-6, 6],
    op: (x, x1, x2) => geluJet(x!, x1!, 0, x2!),
    rtol: 1e-5,
    atol: 1e-6,
  },
  {
    name: "geluJet of GELU′ without x₂, three directions",
    shapes: [
      [4, 6],
      [3, 4, 6],
    ],
    range: [-6, 6],
    op: (x, x1) => geluJet(x!, x1!, 1),
    rtol: 1e-5,
    atol: 1e-6,
  },
  {
    name: "index_add",
    shapes: [[4, 7, 3]],
    op: (x) => bind(Prim.IndexAdd, [x], { indices: Int32Array.from([5, 0, 0, 2, 5, 5, 3]), axis: 1, size: 6 }),
  },
  { name: "reduce_sum inner", shapes: [[5, 40]], op: (x) => sum(x, -1), rtol: 1e-5, atol: 1e-5 },
  { name: "reduce_sum outer and inner", shapes: [[4, 5, 6]], op: (x) => sum(x, [0, 2]), rtol: 1e-5, atol: 1e-5 },
  { name: "reduce_sum all", shapes: [[3, 50]], op: (x) => sum(x), rtol: 1e-5, atol: 1e-5 },
  {
    name: "matmul",
    shapes: [
      [37, 19],
      [19, 45],
    ],
    op: matmul,
    rtol: 1e-5,
    atol: 1e-5,
  },
  {
    name: "matmul tall (shared B)",
    shapes: [
      [6, 3, 1, 100],
      [100, 70],
    ],
    op: matmul,
    rtol: 1e-5,
    atol: 1e-5,
  },
  {
    name: "matmul batched",
    shapes: [
      [3, 1, 5, 7],
      [4, 7, 2],
    ],
    op: matmul,
    rtol: 1e-5,
    atol: 1e-5,
  },
  {
    name: "matmul shared A",
    shapes: [
      [5, 7],
      [3, 7, 6],
    ],
    op: matmul,
    rtol: 1e-5,
    atol: 1e-5,
  },
  {
    name: "matmul k = 2",
    shapes: [
      [130, 2],
      [2, 100],
    ],
    op: matmul,
    rtol: 1e-5,
    atol: 1e-5,
  },
  {
    name: "matmul past one tile",
    shapes: [
      [70, 33],
      [33, 130],
    ],
    op: matmul,
    rtol: 1e-5,
    atol: 1e-5,
  },
  { name: "reshape then op", shapes: [[6, 4]], op: (x) => exp(reshape(x, [2, 3, 4])) },
  { name: "scalar", shapes: [[]], op: (x) => mul(x, 3) },
  { name: "empty", shapes: [[0, 3]], op: (x) => add(x, 1) },
  {
    name: "concat with an empty piece",
    shapes: [
      [2, 0],
      [2, 3],
    ],
    op: (a, b) => concat([a, b], 1),
  },
];

/** The case's operands on a backend (float32 on the GPU backends, float64 on the reference). */
export function operands(c: PrimitiveCase, index: number, backend: Backend, dtype: "float32" | "float64"): Tensor[] {
  const [lo, hi] = c.range ?? [-2, 2];
  return c.shapes.map((shape, k) => {
    const size = shape.reduce((a, b) => a * b, 1);
    // Rounded to float32 first, so that both backends see the same operands.
    const values = Float32Array.from(seeded(1000 * index + k + 1, size, lo, hi));
    return tensor(values, shape, { backend, dtype });
  });
}
