import { expect } from "chai";
import { ParamsError, TargetMismatchError } from "../src/errors.js";
import { resolveParams } from "../src/params/resolveParams.js";
import { modelInfo, seedParams, truthInfo } from "./helpers/fixtures.js";

const infos = { truth: truthInfo, model: modelInfo };
const fails = (extra: object) => () => resolveParams(seedParams(extra), infos);

describe("resolveParams", () => {
  it("names the wrong parameter and what is expected", () => {
    expect(fails({ output: "f9" })).to.throw(ParamsError, 'params.output: got "f9"; expected an output index 0–2 or one of the names f1, f2, f3');
    expect(fails({ ranges: [[0, 1]] })).to.throw(ParamsError, "params.ranges: got [[0,1]]; expected 2 ranges [low, high], one per input (x1, x2)");
    expect(
      fails({
        ranges: [
          [0, 1],
          [1, 1],
        ],
      }),
    ).to.throw(ParamsError, "params.ranges[1]: got [1,1]; expected [low, high] with finite low < high for input x2");
    expect(fails({ points: 1 })).to.throw(ParamsError, "params.points");
    expect(fails({ eps: 0 })).to.throw(ParamsError, "params.eps: got 0; expected a finite number > 0");
    expect(fails({ error: "squared" })).to.throw(ParamsError, "params.error");
    expect(fails({ backend: "webgpu" })).to.throw(ParamsError, 'params.backend: got "webgpu"; expected one of the available backends: cpu, gpu');
    expect(fails({ mapInputs: ["x1", "x1"] })).to.throw(ParamsError, "two different inputs");
    expect(fails({ orders: [] })).to.throw(ParamsError, "params.orders");
    expect(() => resolveParams({ model: { kind: "path", path: "m" } }, { model: modelInfo })).to.throw(
      ParamsError,
      "a model alone has no default ranges",
    );
  });

  it("refuses a truth and a model of different shapes", () => {
    expect(() => resolveParams(seedParams(), { truth: truthInfo, model: { ...modelInfo, outputs: ["a", "b"] } })).to.throw(
      TargetMismatchError,
      "3 outputs but the model seed-net has 2",
    );
    expect(() => resolveParams(seedParams(), { truth: truthInfo, model: { ...modelInfo, inputs: ["a"] } })).to.throw(
      TargetMismatchError,
      "2 inputs (x1, x2) but the model seed-net has 1 (a)",
    );
  });

  it("counts one input or output in the singular", () => {
    const one = { ...truthInfo, title: "g", inputs: ["x"], outputs: ["f"], ranges: [[0, 1]] as const, defaults: [0] };
    expect(() => resolveParams({ truth: "x", model: { kind: "path", path: "m" } }, { truth: one, model: { ...modelInfo, inputs: ["a"] } })).to.throw(
      TargetMismatchError,
      "the truth g has 1 output but the model seed-net has 3;",
    );
    expect(() => resolveParams({ truth: "x", model: { kind: "path", path: "m" } }, { truth: one, model: modelInfo })).to.throw(
      TargetMismatchError,
      "the truth g has 1 input (x) but the model seed-net has 2 (x1, x2);",
    );
  });

  it("puts the backend in the compute key of a network only: the truth is computed on the CPU either way", () => {
    const cpu = resolveParams(seedParams(), infos);
    const gpu = resolveParams(seedParams({ backend: "gpu" }), infos);
    expect(gpu.backend).to.equal("gpu");
    expect(gpu.computeKey).not.to.equal(cpu.computeKey);
    const truthAlone = (backend: string) => resolveParams({ truth: "fexample", backend }, { truth: truthInfo }).computeKey;
    expect(truthAlone("gpu")).to.equal(truthAlone("cpu"));
  });

  it("takes inputs and outputs by name, prefers meaningful names, and keeps the drawing out of the compute key", () => {
    const named = resolveParams(seedParams({ sweep: "P", output: "CO" }), {
      truth: truthInfo,
      model: { ...modelInfo, inputs: ["P", "Av"], outputs: ["H2", "CO", "C"] },
    });
    expect([named.inputs, named.outputs, named.sweep, named.output]).to.deep.equal([["P", "Av"], ["H2", "CO", "C"], 0, 1]);
    const a = resolveParams(seedParams({ output: 0, eps: 0.1, error: "absolute", orders: [0] }), infos);
    const b = resolveParams(seedParams({ output: 2 }), infos);
    expect(a.computeKey).to.equal(b.computeKey);
    expect(resolveParams(seedParams({ fixed: [0, 0.5] }), infos).computeKey).not.to.equal(b.computeKey);
    // A restricted model computes the drawn output only: then the output is in the key.
    const r0 = resolveParams(seedParams({ output: 0, restrictAbove: 2 }), infos);
    const r2 = resolveParams(seedParams({ output: 2, restrictAbove: 2 }), infos);
    expect(r0.model!.ref).to.deep.include({ outputs: [0] });
    expect(r0.computeKey).not.to.equal(r2.computeKey);
    expect(r0.gridKey).to.equal(r2.gridKey);
  });
});
