import { expect } from "chai";
import { fexample, InputsError, resolveFunction, ExpressionError } from "../src/index.js";

describe("resolveFunction", () => {
  it("returns the catalogue entry for an id", () => {
    expect(resolveFunction("fexample")).to.equal(fexample);
    expect(resolveFunction(" fexample ")).to.equal(fexample);
    expect(resolveFunction("fexample", { inputs: ["x1", "x2"] })).to.equal(fexample);
  });

  it("compiles anything else as expressions", () => {
    const fn = resolveFunction("x1 + 2*x2; x1^2", { inputs: ["x1", "x2"] });
    expect(fn.outputs).to.deep.equal(["f1", "f2"]);
    expect(() => resolveFunction("fexampel")).to.throw(ExpressionError, /unknown name "fexampel"/);
  });

  it("refuses input names that are not the catalogue entry's own", () => {
    expect(() => resolveFunction("fexample", { inputs: ["a", "b"] })).to.throw(InputsError, /"fexample" is a catalogue function of inputs x1, x2/);
  });
});
