import { expect } from "chai";
import { errorTable } from "../src/errorStats.js";

describe("errorTable", () => {
  it("gives max and RMS of the absolute and relative errors over points and components, matching outputs by index", () => {
    // Two points, 1 input, truth outputs [0, 1], model restricted to output 1.
    const truth = {
      outputs: [0, 1],
      samples: { value: Float64Array.from([9, 1, 9, -2]), jacobian: Float64Array.from([9, 0, 9, 4]), hessian: Float64Array.from([9, 1, 9, 1]) },
    };
    const model = {
      outputs: [1],
      samples: { value: Float64Array.from([1.5, -2]), jacobian: Float64Array.from([0.1, 3]), hessian: Float64Array.from([1, 1]) },
    };
    const table = errorTable("profile", truth, model, 1, 0.5, ["a", "b"]);
    expect(table.points).to.equal(2);
    const [value, jacobian, hessian] = table.rows;
    expect(value).to.deep.equal({
      output: 1,
      name: "b",
      order: 0,
      count: 2,
      absMax: 0.5,
      absRms: Math.sqrt(0.125),
      relMax: 0.5 / 1.5,
      relRms: Math.sqrt((0.5 / 1.5) ** 2 / 2),
    });
    expect(jacobian!.absMax).to.be.closeTo(1, 1e-15);
    expect(jacobian!.relMax).to.be.closeTo(1 / 4.5, 1e-15); // max of 0.1 / (0 + 0.5) and 1 / (4 + 0.5)
    expect(hessian).to.deep.include({ absMax: 0, absRms: 0, relMax: 0, relRms: 0 });
  });
});
