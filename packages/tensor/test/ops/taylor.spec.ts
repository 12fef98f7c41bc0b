import { expect } from "chai";
import { expectAllclose, seededUniform } from "@nabla/testing";
import {
  directionPairs,
  cast,
  geluJet,
  geluJetComposed,
  geluStack,
  secondChain,
  secondChainComposed,
  mul,
  ShapeError,
  tensor,
  type Tensor,
} from "@nabla/tensor";

const random = (seed: number, shape: number[]): Tensor =>
  tensor(
    seededUniform(
      seed,
      shape.reduce((a, b) => a * b, 1),
    ),
    shape,
  );

describe("secondChain", () => {
  it("lists the direction pairs a ≤ b in row order", () => {
    const { a, b } = directionPairs(3);
    expect([...a]).to.deep.equal([0, 0, 0, 1, 1, 2]);
    expect([...b]).to.deep.equal([0, 1, 2, 1, 2, 2]);
  });

  it("computes g′·x₂[k] + g″·x₁[a]·x₁[b] (by hand, two directions)", () => {
    // One element: g′ = 2, g″ = 3, x₁ = (5, 7), x₂ = (1, 10, 100) for the pairs (0,0), (0,1), (1,1).
    const out = secondChain(tensor([3], [1, 1]), tensor([5, 7], [2, 1]), 0, { g1: tensor([2], [1, 1]), x2: tensor([1, 10, 100], [3, 1]) });
    expect([...out.data()]).to.deep.equal([2 * 1 + 3 * 25, 2 * 10 + 3 * 35, 2 * 100 + 3 * 49]);
    const noSecond = secondChain(tensor([3], [1, 1]), tensor([5, 7], [2, 1]), 0);
    expect([...noSecond.data()]).to.deep.equal([75, 105, 147]);
  });

  type Shapes = { g2: number[]; x1: number[]; g1?: number[]; x2?: number[] };
  const layouts: { label: string; axis: number; shapes: Shapes }[] = [
    { label: "same shapes, pairs first", axis: 0, shapes: { g2: [1, 6], x1: [3, 6], g1: [1, 6], x2: [6, 6] } },
    { label: "batch first, pairs in the middle", axis: 1, shapes: { g2: [5, 1, 8], x1: [5, 2, 8], g1: [5, 1, 8], x2: [5, 3, 8] } },
    { label: "broadcast operands", axis: 1, shapes: { g2: [1, 1, 7], x1: [1, 3, 7], g1: [4, 1, 1], x2: [4, 6, 1] } },
    { label: "pairs last", axis: 2, shapes: { g2: [2, 3, 1], x1: [2, 3, 4] } },
    { label: "one direction", axis: 1, shapes: { g2: [3, 1], x1: [3, 1], g1: [3, 1], x2: [3, 1] } },
  ];
  for (const { label, shapes, axis } of layouts) {
    it(`equals its composition of take, mul and add: ${label}`, () => {
      const g2 = random(40, shapes.g2),
        x1 = random(41, shapes.x1);
      const second = shapes.g1 && shapes.x2 ? { g1: random(42, shapes.g1), x2: random(43, shapes.x2) } : undefined;
      expectAllclose(secondChain(g2, x1, axis, second), secondChainComposed(g2, x1, axis, second), { rtol: 1e-14, atol: 1e-16 }, label);
    });
  }

  it("names the operand whose shape is wrong", () => {
    const g = random(1, [1, 4]);
    const x1 = random(2, [2, 4]);
    expect(() => secondChain(g, x1, 0, { g1: g, x2: random(3, [2, 4]) })).to.throw(
      ShapeError,
      /x₂ must have rank 2 and length 3 along axis 0, got \[2, 4\]/,
    );
    expect(() => secondChain(g, x1, 0, { g1: random(4, [2, 4]), x2: random(3, [3, 4]) })).to.throw(
      ShapeError,
      /g′ must have rank 2 and length 1 along axis 0/,
    );
    expect(() => secondChain(g, x1, 2)).to.throw(ShapeError, /axis 2 is not an axis of x₁ \[2, 4\]/);
    expect(() => secondChain(random(5, [1, 3]), x1, 0)).to.throw(ShapeError, /secondChain/);
  });
});

describe("geluJet", () => {
  it("stacks G(x), G′(x)·x₁[d] and G″(x)·x₁[a]·x₁[b] + G′(x)·x₂[k] (by hand, two directions)", () => {
    const x = 0.3;
    const [g0, g1, g2] = geluStack(tensor([x]), 0, 3).data();
    const out = geluJet(tensor([x]), tensor([5, 7], [2, 1]), 0, tensor([1, 10, 100], [3, 1]));
    expect(out.shape).to.deep.equal([6, 1]);
    const expected = [g0!, g1! * 5, g1! * 7, g1! * 1 + g2! * 25, g1! * 10 + g2! * 35, g1! * 100 + g2! * 49];
    [...out.data()].forEach((v, i) => expect(v).to.be.closeTo(expected[i]!, 1e-15 * Math.abs(expected[i]!)));
  });

  // Sizes from a few values (the JavaScript kernel) to tens of thousands (the WebAssembly one, split between threads where there are several).
  type Shapes = { x: number[]; x1: number[]; x2?: number[] };
  const layouts: { label: string; shapes: Shapes; order?: number }[] = [
    { label: "small, one point", shapes: { x: [5], x1: [2, 5], x2: [3, 5] } },
    { label: "coefficients shared by the points", shapes: { x: [300, 100], x1: [2, 1, 100] } },
    { label: "coefficients shared, with second-order ones", shapes: { x: [300, 100], x1: [2, 1, 100], x2: [3, 300, 100] } },
    { label: "every operand a block a point", shapes: { x: [1001, 33], x1: [3, 1001, 33], x2: [6, 1001, 33] } },
    { label: "first-order coefficients only, odd sizes", shapes: { x: [777, 31], x1: [4, 777, 31] } },
    { label: "coefficients of lower rank", shapes: { x: [257, 64], x1: [2, 64], x2: [3, 1, 64] } },
    { label: "x broadcast along the points", shapes: { x: [1, 50], x1: [2, 200, 50] } },
    { label: "GELU′'s jet", order: 1, shapes: { x: [400, 50], x1: [2, 400, 50], x2: [3, 400, 50] } },
    { label: "GELU″'s jet (past the module's orders)", order: 2, shapes: { x: [400, 50], x1: [2, 400, 50], x2: [3, 400, 50] } },
  ];
  for (const { label, shapes, order = 0 } of layouts) {
    it(`equals its composition of geluStack, mul and secondChain: ${label}`, () => {
      const x = mul(random(50, shapes.x), 3),
        x1 = random(51, shapes.x1),
        x2 = shapes.x2 && random(52, shapes.x2);
      const fused = geluJet(x, x1, order, x2);
      expect(fused.shape).to.deep.equal(geluJetComposed(x, x1, order, x2).shape);
      // The module's exponential may differ from Math.exp in its last bits.
      expectAllclose(fused, geluJetComposed(x, x1, order, x2), { rtol: 1e-13, atol: 1e-15 }, label);
    });
  }

  it("computes in float32 where its operands are float32", () => {
    const x = cast(mul(random(53, [300, 100]), 3), "float32");
    const x1 = cast(random(54, [2, 300, 100]), "float32");
    const fused = geluJet(x, x1);
    expect(fused.dtype).to.equal("float32");
    expectAllclose(fused, geluJetComposed(x, x1), { rtol: 1e-6, atol: 1e-7 }, "float32");
  });

  it("names what is wrong with its operands", () => {
    expect(() => geluJet(random(1, [4]), random(2, [2, 4]), 0, random(3, [2, 4]))).to.throw(
      ShapeError,
      /x₂ must have n\(n\+1\)\/2 = 3 coefficients on its first axis \(x₁ has n = 2\), got \[2, 4\]/,
    );
    expect(() => geluJet(random(1, [4]), random(2, [2, 3]))).to.throw(ShapeError, /geluJet/);
    expect(() => geluJet(random(1, [4]), random(2, [2, 4]), -1)).to.throw(ShapeError, /derivative order ≥ 0, got -1/);
  });
});
