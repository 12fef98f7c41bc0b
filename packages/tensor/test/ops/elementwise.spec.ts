import { expect } from "chai";
import { expectAllclose, seededUniform } from "@nabla/testing";
import * as t from "@nabla/tensor";

const values = Array.from(seededUniform(1, 24, -3, 3));
const positive = values.map((v) => Math.abs(v) + 0.1);

describe("elementwise ops", () => {
  const unary: [string, (x: t.Tensor) => t.Tensor, (v: number) => number, number[]][] = [
    ["neg", t.neg, (v) => -v, values],
    ["exp", t.exp, Math.exp, values],
    ["log", t.log, Math.log, positive],
    ["log1p", t.log1p, Math.log1p, positive],
    ["expm1", t.expm1, Math.expm1, values],
    ["log10", t.log10, Math.log10, positive],
    ["sin", t.sin, Math.sin, values],
    ["cos", t.cos, Math.cos, values],
    ["tan", t.tan, Math.tan, values.map((v) => v / 3)],
    ["tanh", t.tanh, Math.tanh, values],
    ["sinh", t.sinh, Math.sinh, values],
    ["cosh", t.cosh, Math.cosh, values],
    ["sqrt", t.sqrt, Math.sqrt, positive],
    ["abs", t.abs, Math.abs, values],
    ["sign", t.sign, Math.sign, [...values, 0]],
    ["asinh", t.asinh, Math.asinh, values],
    ["atan", t.atan, Math.atan, values],
    ["square", t.square, (v) => v * v, values],
    ["sigmoid", t.sigmoid, (v) => 1 / (1 + Math.exp(-v)), values],
  ];
  for (const [name, op, ref, input] of unary) {
    it(`${name} matches Math`, () => expectAllclose(op(t.tensor(input)), input.map(ref), { rtol: 1e-14, atol: 1e-15 }));
  }

  it("erf matches reference values to double precision", () => {
    // erf at these points, from the standard tables (Abramowitz & Stegun 7.1, extended precision).
    const points = [0, 1e-20, 0.1, 0.5, 1, 2, 3.5, 6, -0.75];
    const expected = [
      0, 1.1283791670955127e-20, 0.1124629160182849, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999992569016276, 1,
      -0.7111556336535151,
    ];
    expectAllclose(t.erf(t.tensor(points)), expected, { rtol: 4e-16 });
  });

  it("gelu is x·Φ(x), exact and tanh-approximated as PyTorch defines them", () => {
    const x = t.tensor(values);
    const phi = (v: number) => 0.5 * (1 + t.erf(v / Math.SQRT2).item());
    expectAllclose(
      t.gelu(x),
      values.map((v) => v * phi(v)),
      { rtol: 1e-15, atol: 1e-16 },
    );
    const approx = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
    expectAllclose(t.gelu(x, "tanh"), values.map(approx), { rtol: 1e-15, atol: 1e-16 });
  });

  it("geluStack stacks exact GELU's derivatives of consecutive orders, each order as Prim.Gelu computes it, accurate in the tails", () => {
    // Both sides of erf's branch points (|x|/√2 = 0.46875, 4), the far tails, and the values that have no tail.
    const points = [...seededUniform(2, 64, -8, 8), -40, -0.66, -0.6, 0.6, 0.66, 5.6, 5.7, 40, 0];
    const x = t.tensor(points);
    for (const [order, count] of [
      [0, 3],
      [1, 2],
      [2, 3],
    ] as const) {
      const stacked = t.geluStack(x, order, count);
      expect(stacked.shape).to.deep.equal([count, points.length]);
      for (let k = 0; k < count; k++) {
        const one = t.bind(t.Prim.Gelu, [x], { approximate: "none", order: order + k });
        expectAllclose(t.take(stacked, k, 0), one, { rtol: 2e-15, atol: 1e-300 }, `order ${order + k}`);
      }
    }
    // The left tail, where 1 + erf(x/√2) would cancel: x·Φ(x) and Φ(x) + x·φ(x) from erfc (Python's math.erfc).
    expectAllclose(
      t.geluStack(t.tensor([-8, -7.3, -5]), 0, 2),
      [
        [-4.9767684594174555e-15, -1.0503522058550422e-12, -1.4332578593959731e-6],
        [-3.979607261086796e-14, -7.662617782409637e-12, -7.146946001792295e-6],
      ],
      { rtol: 1e-13 },
    );
    const special = t.geluStack(t.tensor([NaN, Infinity, -Infinity]), 0, 2).toArray() as number[][];
    expect(special[0]).to.deep.equal([NaN, Infinity, NaN]);
    expect(special[1]).to.deep.equal([NaN, 1, 0]);
    expect(() => t.geluStack(x, 0, 0)).to.throw(t.ShapeError, /count ≥ 1, got order 0 and count 0/);
  });

  it("activations follow PyTorch's definitions", () => {
    const x = t.tensor([-30, -1, 0, 0.5, 30]);
    expect(t.relu(x).toArray()).to.deep.equal([0, 0, 0, 0.5, 30]);
    expect(t.leakyRelu(x, 0.1).toArray()).to.deep.equal([-3, -0.1, 0, 0.5, 30]);
    expectAllclose(t.elu(x, 2), [2 * Math.expm1(-30), 2 * Math.expm1(-1), 0, 0.5, 30]);
    expectAllclose(t.softplus(x, 2, 20), [Math.log1p(Math.exp(-60)) / 2, Math.log1p(Math.exp(-2)) / 2, Math.LN2 / 2, Math.log1p(Math.E) / 2, 30]);
    expectAllclose(t.softsign(x), [-30 / 31, -0.5, 0, 0.5 / 1.5, 30 / 31]);
    expectAllclose(t.silu(x), [-30 / (1 + Math.exp(30)), -1 / (1 + Math.E), 0, 0.5 / (1 + Math.exp(-0.5)), 30 / (1 + Math.exp(-30))]);
  });

  it("binary ops broadcast like NumPy", () => {
    const a = t.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const col = t.tensor([[10], [20]]);
    expect(t.add(a, col).toArray()).to.deep.equal([
      [11, 12, 13],
      [24, 25, 26],
    ]);
    expect(t.sub(a, t.tensor([1, 1, 1])).toArray()).to.deep.equal([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(t.mul(2, a).toArray()).to.deep.equal([
      [2, 4, 6],
      [8, 10, 12],
    ]);
    expect(t.div(a, col).toArray()).to.deep.equal([
      [0.1, 0.2, 0.3],
      [0.2, 0.25, 0.3],
    ]);
    expect(t.pow(a, 2).toArray()).to.deep.equal([
      [1, 4, 9],
      [16, 25, 36],
    ]);
    expect(t.maximum(a, 3).toArray()).to.deep.equal([
      [3, 3, 3],
      [4, 5, 6],
    ]);
    expect(t.minimum(a, 3).toArray()).to.deep.equal([
      [1, 2, 3],
      [3, 3, 3],
    ]);
    // A stride-0 middle axis: [2,1,3] against [1,4,1].
    const x = t.reshape(t.arange(6), [2, 1, 3]),
      y = t.reshape(t.arange(4), [1, 4, 1]);
    const expected = [0, 1].map((i) => [0, 1, 2, 3].map((j) => [0, 1, 2].map((k) => i * 3 + k + j)));
    expect(t.add(x, y).toArray()).to.deep.equal(expected);
  });

  it("names the op and both shapes when shapes do not broadcast", () => {
    expect(() => t.add(t.zeros([2, 3]), t.zeros([2]))).to.throw(t.ShapeError, "add: shapes [2, 3] and [2] cannot be broadcast together");
  });

  it("comparisons give 1 and 0, and where selects", () => {
    const a = t.tensor([1, 2, 3]);
    expect(t.less(a, 2).toArray()).to.deep.equal([1, 0, 0]);
    expect(t.lessEqual(a, 2).toArray()).to.deep.equal([1, 1, 0]);
    expect(t.greater(a, 2).toArray()).to.deep.equal([0, 0, 1]);
    expect(t.greaterEqual(a, 2).toArray()).to.deep.equal([0, 1, 1]);
    expect(t.equal(a, 2).toArray()).to.deep.equal([0, 1, 0]);
    expect(t.notEqual(a, 2).toArray()).to.deep.equal([1, 0, 1]);
    expect(t.where(t.greater(a, 1), a, t.tensor([[0], [-1]])).toArray()).to.deep.equal([
      [0, 2, 3],
      [-1, 2, 3],
    ]);
  });

  it("promotes float32 with float64 to float64, and casts", () => {
    const f32 = t.tensor([1.5], undefined, { dtype: "float32" });
    expect(t.add(f32, t.tensor([1])).dtype).to.equal("float64");
    expect(t.add(f32, 1).dtype).to.equal("float32");
    expect(t.cast(t.tensor([0.1]), "float32").item()).to.equal(Math.fround(0.1));
  });
});

describe("precision near 0", () => {
  it("sinh keeps its relative precision", () => {
    expectAllclose(t.sinh(t.tensor([1e-10, -3e-9])), [Math.sinh(1e-10), Math.sinh(-3e-9)], { rtol: 1e-15 });
  });
});
