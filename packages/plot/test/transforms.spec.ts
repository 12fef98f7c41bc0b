import { expect } from "chai";
import { absoluteError, network, relativeError, truth } from "../src/index.js";

describe("role transforms", () => {
  it("return new options and leave theirs untouched", () => {
    const options = Object.freeze({ output: 2, role: "truth" as const });
    expect(network(options)).to.deep.equal({ output: 2, role: "network" });
    expect(relativeError(1e-3, options)).to.deep.equal({ output: 2, role: "error", error: "relative", eps: 1e-3 });
    expect(absoluteError(options)).to.deep.equal({ output: 2, role: "error", error: "absolute" });
    expect(truth()).to.deep.equal({ role: "truth" });
    expect(options).to.deep.equal({ output: 2, role: "truth" });
  });
});
