import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { mul, square, tensor } from "@nabla/tensor";
import { expect } from "chai";
import { defineFunction, FunctionDefinitionError, InputShapeError, type FunctionDefinition } from "../src/index.js";
import { expectAllclose } from "@nabla/testing";

const base: FunctionDefinition = {
  id: "demo",
  title: "Demo",
  latex: "x",
  inputs: ["a", "b"],
  outputs: ["ab", "two", "a2"],
  ranges: [
    [-1, 1],
    [0, 2],
  ],
  defaults: [0, 1],
  formula: ([a, b]) => [mul(a!, b!), 2, square(a!)],
};

describe("defineFunction", () => {
  it("stacks the outputs on the last axis and broadcasts constants to the batch", () => {
    const fn = defineFunction(base);
    expectAllclose(fn.f(tensor([3, 4])), [12, 2, 9], { rtol: 0 });
    expectAllclose(
      fn.f(
        tensor([
          [3, 4],
          [1, -1],
        ]),
      ),
      [
        [12, 2, 9],
        [-1, 2, 1],
      ],
      { rtol: 0 },
    );
    expectAllclose(
      vmap(jacrev(fn.f))(tensor([[3, 4]])),
      [
        [
          [4, 3],
          [0, 0],
          [6, 0],
        ],
      ],
      { rtol: 0 },
    );
    expectAllclose(
      vmap(hessian(fn.f))(tensor([[3, 4]])),
      [
        [
          [
            [0, 1],
            [1, 0],
          ],
          [
            [0, 0],
            [0, 0],
          ],
          [
            [2, 0],
            [0, 0],
          ],
        ],
      ],
      { rtol: 0 },
    );
  });

  it("rejects a last axis of the wrong size, saying what it expected", () => {
    const fn = defineFunction(base);
    expect(() => fn.f(tensor([1, 2, 3]))).to.throw(
      InputShapeError,
      /demo: x has shape \[3\]; expected \[2\] or \[N, 2\] \(inputs a, b on the last axis\)/,
    );
    expect(() => fn.f(tensor(1))).to.throw(InputShapeError);
  });

  it("rejects inconsistent descriptions", () => {
    const bad = (patch: Partial<FunctionDefinition>, message: RegExp): void => {
      expect(() => defineFunction({ ...base, ...patch })).to.throw(FunctionDefinitionError, message);
    };
    bad({ inputs: ["a", "a"] }, /input "a" is named twice/);
    bad({ ranges: [[-1, 1]] }, /ranges has 1 entry but the function has 2 inputs \(a, b\)/);
    bad({ defaults: [0, 5] }, /the default of "b" is 5, outside its range \[0, 2\]/);
    bad(
      {
        ranges: [
          [1, -1],
          [0, 2],
        ],
      },
      /the range of "a" is \[1, -1\]/,
    );
    bad({ scales: ["log", "linear"] }, /"a" is sampled on a log scale but its range \[-1, 1\] is not positive/);
    bad({ inputs: [], ranges: [], defaults: [] }, /expected at least one input/);
    bad({ outputs: [] }, /expected at least one output/);
  });

  it("reports a formula that gives the wrong number of outputs when called", () => {
    const fn = defineFunction({ ...base, formula: ([a]) => [a!] });
    expect(() => fn.f(tensor([1, 2]))).to.throw(FunctionDefinitionError, /the formula gave 1 output; expected 3 \(ab, two, a2\)/);
  });
});
