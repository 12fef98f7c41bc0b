import { expect } from "chai";
import { expectAllclose, seededUniform } from "@nabla/testing";
import { directionPairs, secondChain, secondChainComposed, ShapeError, tensor, type Tensor } from "@nabla/tensor";

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
