import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { tensor } from "@nabla/tensor";
import { expect } from "chai";
import { compileExpressions, FunctionDefinitionError, InputsError, splitExpressions } from "../../src/index.js";
import { loadReference } from "@nabla/testing";
import { expectAllclose } from "@nabla/testing";

describe("compileExpressions", () => {
  describe('"x1 + 2*x2; x1^2; x1*x2^2" reproduces fexample.json to 1e-12', () => {
    const ref = loadReference("fexample");
    const X = tensor(ref.points);
    const tol = { rtol: 1e-12, atol: 1e-12 };
    const forms = {
      "one string": () => compileExpressions("x1 + 2*x2; x1^2; x1*x2^2"),
      "a list, inputs given": () => compileExpressions(["x1 + 2*x2", "x1^2", "x1*x2^2"], { inputs: ["x1", "x2"] }),
    };
    for (const [form, build] of Object.entries(forms)) {
      it(form, () => {
        const fn = build();
        expect(fn.inputs).to.deep.equal(["x1", "x2"]);
        expect(fn.outputs).to.deep.equal(["f1", "f2", "f3"]);
        expectAllclose(fn.f(X), ref.value, tol, "value");
        expectAllclose(vmap(jacrev(fn.f))(X), ref.jacobian, tol, "jacobian");
        expectAllclose(vmap(hessian(fn.f))(X), ref.hessian, tol, "hessian");
      });
    }
  });

  describe("inputs", () => {
    it("default to x1 … xK, K the highest index used, so xk reads column k", () => {
      expect(compileExpressions("x2^2").inputs).to.deep.equal(["x1", "x2"]);
      expect(compileExpressions("x3 + x1; x10").inputs).to.deep.equal(["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"]);
      const fn = compileExpressions("x3 - x1");
      expectAllclose(fn.f(tensor([[1, 100, 10]])), [[9]], { rtol: 0 });
    });

    it("can be named, in the order given (unused ones allowed)", () => {
      const fn = compileExpressions("P * radm^2", { inputs: ["radm", "unused", "P"] });
      expect(fn.inputs).to.deep.equal(["radm", "unused", "P"]);
      expectAllclose(fn.f(tensor([3, 0, 2])), [18], { rtol: 0 });
      expectAllclose(vmap(jacrev(fn.f))(tensor([[3, 0, 2]])), [[[12, 0, 9]]], { rtol: 0 });
    });

    it("reject unusable names, and expressions that use none", () => {
      expect(() => compileExpressions("x1", { inputs: [] })).to.throw(InputsError, /options.inputs is empty/);
      expect(() => compileExpressions("x1", { inputs: ["x 1"] })).to.throw(InputsError, /input 1, "x 1", is not a valid name/);
      expect(() => compileExpressions("x1", { inputs: ["x1", "sin"] })).to.throw(
        InputsError,
        /input 2, "sin", cannot name an input: "sin" is a function/,
      );
      expect(() => compileExpressions("x1", { inputs: ["pi"] })).to.throw(InputsError, /"pi" is a constant/);
      expect(() => compileExpressions("x1", { inputs: ["mod"] })).to.throw(InputsError, /"mod" is a reserved word/);
      expect(() => compileExpressions("a", { inputs: ["a", "a"] })).to.throw(InputsError, /input "a" is given twice \(positions 1 and 2\)/);
      expect(() => compileExpressions("1; pi")).to.throw(InputsError, /the expressions use no input/);
    });
  });

  it("splits one string at ';' and trims each expression", () => {
    expect(splitExpressions(" x1 ;x2^2 ")).to.deep.equal(["x1", "x2^2"]);
    expect(splitExpressions(["x1 ", " x2"])).to.deep.equal(["x1", "x2"]);
  });

  it("takes outputs, ranges, defaults, id and title from the options, with documented defaults", () => {
    const fn = compileExpressions("x1*x2; x1", {
      outputs: ["prod", "first"],
      ranges: [
        [0, 4],
        [-2, 0],
      ],
      title: "Mine",
    });
    expect(fn.outputs).to.deep.equal(["prod", "first"]);
    expect(fn.ranges).to.deep.equal([
      [0, 4],
      [-2, 0],
    ]);
    expect(fn.defaults).to.deep.equal([2, -1]);
    expect(fn.id).to.equal("x1*x2; x1");
    expect(fn.title).to.equal("Mine");
    const plain = compileExpressions("x1");
    expect(plain.ranges).to.deep.equal([[-1, 1]]);
    expect(plain.defaults).to.deep.equal([0]);
    expect(() => compileExpressions("x1; x2", { outputs: ["only"] })).to.throw(FunctionDefinitionError, /2 expressions but 1 output names/);
  });

  it("follows mathjs's precedence: -x^2 is -(x^2), ^ is right-associative, * and / go left to right", () => {
    const fn = compileExpressions("-x1^2; 2^x1^2; 1/2*x1; x1/2/2; x1 - -x1; +x1", { inputs: ["x1"] });
    expectAllclose(fn.f(tensor([3])), [-9, 512, 1.5, 0.75, 6, 3], { rtol: 1e-15 });
  });

  it("reads numbers as mathjs does (decimals, leading or trailing dot, exponents) and the constants pi and e", () => {
    const fn = compileExpressions("1.5e-1 + .5 + 2. + 1E2 + 0*x1; pi; e", { inputs: ["x1"] });
    expectAllclose(fn.f(tensor([0])), [102.65, Math.PI, Math.E], { rtol: 1e-15 });
  });

  it("broadcasts an output that uses no input to the batch, with zero derivatives", () => {
    const fn = compileExpressions("3; x1*x2");
    expectAllclose(
      fn.f(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
      [
        [3, 2],
        [3, 12],
      ],
      { rtol: 0 },
    );
    expectAllclose(
      vmap(jacrev(fn.f))(tensor([[1, 2]])),
      [
        [
          [0, 0],
          [2, 1],
        ],
      ],
      { rtol: 0 },
    );
    expectAllclose(
      vmap(hessian(fn.f))(tensor([[1, 2]])),
      [
        [
          [
            [0, 0],
            [0, 0],
          ],
          [
            [0, 1],
            [1, 0],
          ],
        ],
      ],
      { rtol: 0 },
    );
  });

  it("treats line breaks and tabs inside an expression as spaces", () => {
    const fn = compileExpressions(["x1 +\n\tx2"]);
    expectAllclose(fn.f(tensor([1, 2])), [3], { rtol: 0 });
  });

  it("writes LaTeX from the parse tree, in the input names", () => {
    expect(compileExpressions("x1 + 2*x2; x1^2; x1*x2^2").latex).to.equal(
      String.raw`\left(\begin{array}{c} x_{1}\\ x_{2} \end{array}\right) \longmapsto \left(\begin{array}{c} x_{1}+2\cdot x_{2}\\ { x_{1}}^{2}\\ x_{1}\cdot{ x_{2}}^{2} \end{array}\right)`,
    );
    expect(compileExpressions("sqrt(P)/(radm+1) + erf(pi*alpha)", { inputs: ["P", "radm", "alpha"] }).latex).to.equal(
      String.raw`\left(\begin{array}{c} P\\ \mathrm{radm}\\ \alpha \end{array}\right) \longmapsto \frac{\sqrt{ P}}{ \mathrm{radm}+1}+\operatorname{erf}\left( \pi\cdot \alpha\right)`,
    );
  });
});
