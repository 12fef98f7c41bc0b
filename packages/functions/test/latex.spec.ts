import { expect } from "chai";
import { latexName, mappingLatex } from "../src/index.js";

describe("latex", () => {
  it("writes names with subscripts, Greek letters and upright words", () => {
    expect(latexName("x1")).to.equal("x_{1}");
    expect(latexName("x12")).to.equal("x_{12}");
    expect(latexName("P")).to.equal("P");
    expect(latexName("radm")).to.equal("\\mathrm{radm}");
    expect(latexName("alpha")).to.equal("\\alpha");
    expect(latexName("T_ex")).to.equal("T_{\\mathrm{ex}}");
    expect(latexName("theta2")).to.equal("\\theta_{2}");
  });

  it("writes the seed's column-vector mapping", () => {
    expect(mappingLatex(["t_1", "t_2"], ["t_1+2t_2", "t_1^2", "t_1t_2^2"])).to.equal(
      String.raw`\left(\begin{array}{c} t_1\\ t_2 \end{array}\right) \longmapsto \left(\begin{array}{c} t_1+2t_2\\ t_1^2\\ t_1t_2^2 \end{array}\right)`,
    );
    expect(mappingLatex(["x"], ["x^2"])).to.equal("x \\longmapsto x^2");
  });
});
