import { expect } from "chai";
import { Prim } from "@nabla/tensor";
import { argumentNames, gpujsSource, longestLoop } from "../../src/gpujs/source.js";
import { plan } from "../helpers/plan.js";

describe("gpujs/source", function () {
  it("takes the inputs, then the index tables", function () {
    expect(argumentNames(plan(Prim.Where, [[2, 3], [2, 3], [3]], {}, [2, 3]))).to.deep.equal(["in0", "in1", "in2"]);
    const indexAdd = plan(Prim.IndexAdd, [[2, 4]], { indices: Int32Array.from([1, 0, 1, 1]), axis: 1, size: 3 }, [2, 3]);
    expect(argumentNames(indexAdd)).to.deep.equal(["in0", "tab0", "tab1"]);
    expect(gpujsSource(indexAdd)).to.match(/^function\(in0, tab0, tab1\) \{\n {2}let i = this\.thread\.x;/);
  });

  it("reports its longest loop, which gpu.js must be told", function () {
    expect(
      longestLoop(
        plan(
          Prim.Matmul,
          [
            [5, 300],
            [300, 2],
          ],
          {},
          [5, 2],
        ),
      ),
    ).to.equal(300);
    expect(longestLoop(plan(Prim.ReduceSum, [[4, 5000]], { axes: [1] }, [4]))).to.equal(5000);
    expect(longestLoop(plan(Prim.Exp, [[4]], {}, [4]))).to.equal(1);
  });

  it("corrects each index division by its remainder", function () {
    const source = gpujsSource(plan(Prim.Transpose, [[3, 5]], { perm: [1, 0] }, [5, 3]));
    expect(source).to.include("let q0 = Math.floor(i / 3.0);");
    expect(source).to.include("if (c1 < 0.0) { q0 = q0 - 1.0; c1 = c1 + 3.0; }");
  });
});
