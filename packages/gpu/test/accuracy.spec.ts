import { expect } from "chai";
import { GpuOptionError, scaledError } from "../src/index.js";

describe("accuracy", function () {
  it("scales each output's worst error by that output's largest reference entry", function () {
    // 2 points, 2 outputs, 2 entries each: output 0 peaks at 10, output 1 at 0.1.
    const reference = [10, 1, 0.1, 0.05, -4, 2, -0.02, 0.01];
    const actual = [10.001, 1, 0.1, 0.0501, -4, 2, -0.02, 0.01];
    const { perOutput, max } = scaledError(actual, reference, [2, 2, 2]);
    expect(perOutput[0]).to.be.closeTo(1e-4, 1e-12);
    expect(perOutput[1]).to.be.closeTo(1e-3, 1e-12);
    expect(max).to.equal(perOutput[1]);
  });

  it("scales an output that is zero everywhere by 1, and lets NaN through", function () {
    expect(scaledError([1e-9, 0], [0, 0], [2, 1]).max).to.equal(1e-9);
    expect(Number.isNaN(scaledError([NaN, 0], [1, 0], [2, 1]).max)).to.equal(true);
  });

  it("checks the lengths against the shape", function () {
    expect(() => scaledError([1, 2, 3], [1, 2, 3], [2, 2])).to.throw(GpuOptionError, /3 and 3 values for shape \[2, 2\] \(4 expected\)/);
  });
});
