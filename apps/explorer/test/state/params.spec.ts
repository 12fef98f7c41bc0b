import { fexample } from "@nabla/functions";
import type { TargetInfo } from "@nabla/pipeline";
import { expect } from "chai";
import { givenParams, mapParams, profileParams, resolve } from "../../src/state/params.js";
import { DEFAULT_STATE } from "../../src/state/state.js";

const truth: TargetInfo = {
  kind: "function",
  title: fexample.title,
  inputs: fexample.inputs,
  outputs: fexample.outputs,
  ranges: fexample.ranges,
  defaults: fexample.defaults,
};
const model: TargetInfo = { kind: "model", title: "seed-net", inputs: ["x1", "x2"], outputs: ["y1", "y2", "y3"] };
const seed = { path: "blob:seed#/seed-net" };

const resolved = (state = DEFAULT_STATE, infos: { truth?: TargetInfo; model?: TargetInfo } = { truth, model }) => {
  const r = resolve(givenParams(state, seed), infos);
  if (!r.ok) throw r.error;
  return r.params;
};

describe("parameters of the pipelines", () => {
  it("draw the seed notebook's view by default: Fexample against the seed network, f₃, x₂ held at 1", () => {
    const p = resolved();
    expect(p.output).to.equal(2);
    expect(p.fixed).to.deep.equal([1, 1]);
    expect(p.ranges).to.deep.equal([
      [-2, 2],
      [-1, 1],
    ]);
    expect(p.mapInputs).to.deep.equal([0, 1]);
  });

  it("split profiles from maps, and hold nothing that does not change what is computed", () => {
    const p = resolved({ ...DEFAULT_STATE, fixed: [0.5, 0.75] });
    expect(profileParams(p)).to.include({ mapInputs: null, mapPoints: 2, sweep: 0 });
    expect(profileParams(p).fixed).to.deep.equal([0, 0.75]); // x₁ is swept
    const maps = mapParams(p, true)!;
    expect(maps).to.include({ points: 2, mapPoints: 100, sweep: 0 });
    expect(maps.fixed).to.deep.equal([0, 0]); // both inputs are on the map
    expect(mapParams(p, false)).to.equal(null);
    // Moving the swept input's held value changes neither.
    const q = resolved({ ...DEFAULT_STATE, fixed: [-1, 0.75] });
    expect(JSON.stringify(profileParams(q))).to.equal(JSON.stringify(profileParams(p)));
    expect(JSON.stringify(mapParams(q, true))).to.equal(JSON.stringify(mapParams(p, true)));
  });

  it("ask both pipelines for the backend chosen", () => {
    const gpu = resolved({ ...DEFAULT_STATE, backend: "gpu" });
    expect([resolved().backend, gpu.backend]).to.deep.equal(["cpu", "gpu"]);
    expect([profileParams(gpu).backend, mapParams(gpu, true)!.backend]).to.deep.equal(["gpu", "gpu"]);
  });

  it("give a network alone ranges of [-1, 1], and drop what no longer fits the function", () => {
    const alone = resolved({ ...DEFAULT_STATE, compare: "network" }, { model });
    expect(alone.ranges).to.deep.equal([
      [-1, 1],
      [-1, 1],
    ]);
    expect(alone.output).to.equal(2);
    const oneInput: TargetInfo = { kind: "function", title: "x1^2", inputs: ["x1"], outputs: ["f1"], ranges: [[-1, 1]], defaults: [0] };
    const fitted = resolved(
      {
        ...DEFAULT_STATE,
        compare: "truth",
        truth: "x1^2",
        ranges: [
          [-2, 2],
          [-1, 1],
        ],
        fixed: [1, 1],
        sweep: 1,
        output: 2,
      },
      { truth: oneInput },
    );
    expect(fitted).to.include({ sweep: 0, output: 0, mapInputs: null });
    expect(fitted.ranges).to.deep.equal([[-1, 1]]);
  });
});
