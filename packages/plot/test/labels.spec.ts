import { expect } from "chai";
import { inputSymbol, outputSymbol, panelTitle, quantityLabel, subscript } from "../src/index.js";
import { fixedCaption, formatNumber, roleCaption } from "../src/labels.js";

describe("labels", () => {
  it("writes subscripts", () => {
    expect(subscript(3)).to.equal("₃");
    expect(subscript(12)).to.equal("₁₂");
  });

  it("names inputs and outputs 1-based, with a hat for the network", () => {
    expect(inputSymbol(0)).to.equal("x₁");
    expect(outputSymbol(2)).to.equal("f₃");
    expect(outputSymbol(2, {}, true)).to.equal("f\u0302₃");
    expect(outputSymbol(0, { outputNames: ["g"] }, true)).to.equal("\u011D"); // ĝ, composed
    expect(outputSymbol(0, { outputNames: ["CO"] }, true)).to.equal("CO");
  });

  it("writes derivatives in Unicode math", () => {
    expect(quantityLabel(0, 2)).to.equal("f₃");
    expect(quantityLabel(1, 2, 1)).to.equal("∂f₃/∂x₂");
    expect(quantityLabel(2, 2, 0, 1, {}, true)).to.equal("∂²f̂₃/∂x₁∂x₂");
    expect(quantityLabel(2, 2, 1, 1)).to.equal("∂²f₃/∂x₂²");
    expect(quantityLabel(2, 0, 0, 1, { inputNames: ["log P", "T"], outputNames: ["CO"] })).to.equal("∂²CO/∂(log P)∂T");
  });

  it("titles panels by role", () => {
    expect(panelTitle("truth", 1, 2, 1, 1, [0])).to.equal("∂f₃/∂x₂ vs x₁");
    expect(panelTitle("network", 2, 2, 0, 1, [0])).to.equal("∂²f̂₃/∂x₁∂x₂ vs x₁");
    expect(panelTitle("error", 1, 2, 1, 1, [0, 1])).to.equal("Error of ∂f̂₃/∂x₂ vs x₁ and x₂");
    expect(panelTitle("network", 1, 0, 0, 0, [0], { outputNames: ["CO"] })).to.equal("Network ∂CO/∂x₁ vs x₁");
  });

  it("captions the role and the fixed inputs", () => {
    expect(roleCaption("error", "relative", 0.01)).to.equal("relative error (f̂ − f)/(|f| + 0.01)");
    expect(roleCaption("error", "absolute", 0.01)).to.equal("absolute error f̂ − f");
    expect(roleCaption("truth", "relative", 0.01)).to.equal("");
    expect(fixedCaption([0, 1, -0.5], [0])).to.equal("x₂ = 1, x₃ = −0.5");
    expect(formatNumber(1 / 3)).to.equal("0.3333");
  });
});
