import { expect } from "chai";
import { scaledError } from "@nabla/gpu";
import { loadReference, testdataPath } from "@nabla/testing";
import { runInProcess } from "./cli.js";

/** Float32 accuracy that @nabla/gpu's README states against float64, scaled by each output's magnitude. */
const TOLERANCE = { value: 1e-4, jacobian: 1e-4, hessian: 1e-3 } as const;

describe("nabla eval --backend", () => {
  it("--backend gpu agrees with the float64 reference of the seed network within the float32 accuracy", async () => {
    const ref = loadReference("seed-net");
    const run = await runInProcess(
      "eval",
      "--model",
      testdataPath("nnbma/seed-net"),
      "--points",
      testdataPath("reference/seed-net.json"),
      "--backend",
      "gpu",
      "--order",
      "2",
    );
    expect(run.status, run.stderr).to.equal(0);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines, run.stderr).to.have.length(1);
    expect(lines[0]).to.match(/^eval: gpu backend \S+.*float32/);
    const result = JSON.parse(run.stdout);
    expect(result).to.have.keys(["inputs", "outputs", "value", "jacobian", "hessian"]);
    for (const key of ["value", "jacobian", "hessian"] as const) {
      const actual = (result[key] as unknown[]).flat(3) as number[];
      const expected = (ref[key] as unknown[]).flat(3) as number[];
      const n = (ref[key] as unknown[]).length,
        m = result.outputs.length as number,
        nIn = result.inputs.length as number;
      const shape = key === "value" ? [n, m] : key === "jacobian" ? [n, m, nIn] : [n, m, nIn, nIn];
      const error = scaledError(actual, expected, shape);
      expect(error.max, `${key}: scaled errors ${error.perOutput.join(", ")}`).to.be.at.most(TOLERANCE[key]);
      expect(error.max, `${key} looks computed in float64, not on the float32 backend`).to.be.above(0);
    }
  });

  it("--backend foo exits 2 with one line", async () => {
    const run = await runInProcess("eval", "--function", "x1*x2", "--points", testdataPath("reference/seed-net.json"), "--backend", "foo");
    expect(run.status).to.equal(2);
    expect(run.stdout).to.equal("");
    expect(run.stderr).to.equal('nabla eval: --backend must be cpu or gpu, got "foo"\n');
  });
});
