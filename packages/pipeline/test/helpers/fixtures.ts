import { fexample } from "@nabla/functions";
import { TestScheduler } from "rxjs/testing";
import { expect } from "chai";
import type { Derivatives, GridJob } from "../../src/derivatives.js";
import { cpuCompute } from "../../src/engine/backends.js";
import type { ParamsState } from "../../src/events.js";
import { sampleGridOf } from "../../src/grid.js";
import type { Params } from "../../src/params/params.js";
import { resolveParams } from "../../src/params/resolveParams.js";
import type { ResolvedParams } from "../../src/params/resolvedParams.js";
import type { TargetInfo } from "../../src/targets/target.js";

/** A TestScheduler comparing frames with chai's deep equality. */
export const testScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => {
    expect(actual).to.deep.equal(expected);
  });

export const truthInfo: TargetInfo = {
  kind: "function",
  title: fexample.title,
  inputs: fexample.inputs,
  outputs: fexample.outputs,
  latex: fexample.latex,
  ranges: fexample.ranges,
  defaults: fexample.defaults,
};

export const modelInfo: TargetInfo = {
  kind: "model",
  title: "seed-net",
  inputs: ["x1", "x2"],
  outputs: ["y1", "y2", "y3"],
  format: "nnbma",
  summary: "FullyConnected",
};

/** Small Fexample-vs-network parameters: 5 points per profile, 4×4 maps. */
export const seedParams = (extra: Params = {}): Params => ({
  truth: "fexample",
  model: { kind: "path", path: "seed-net" },
  points: 5,
  mapPoints: 4,
  ...extra,
});

export const resolved = (extra: Params = {}): ResolvedParams => resolveParams(seedParams(extra), { truth: truthInfo, model: modelInfo });

export const okState = (extra: Params = {}): ParamsState => ({ ok: true, params: resolved(extra) });

export const errorState = (message = "bad"): ParamsState => ({ ok: false, given: {}, error: new RangeError(message) });

export const jobOf = (params: ResolvedParams): GridJob => ({ key: params.computeKey, params, grid: sampleGridOf(params) });

/** Derivatives of a job with every array filled with `fill`: truth 0, model `fill`. */
export function fakeDerivatives(job: GridJob, fill = 0.5): Derivatives {
  const { grid } = job;
  const nIn = grid.nIn;
  const nOut = job.params.outputs.length;
  const samples = (n: number, v: number) => ({
    value: new Float64Array(n * nOut).fill(v),
    jacobian: new Float64Array(n * nOut * nIn).fill(v),
    hessian: new Float64Array(n * nOut * nIn * nIn).fill(v),
  });
  const target = (v: number) => ({
    outputs: [0, 1, 2],
    profile: samples(grid.profile.x.length, v),
    map: grid.map ? samples(grid.map.x.length * grid.map.y.length, v) : null,
    computedOn: cpuCompute.computedOn,
  });
  return { key: job.key, grid, truth: target(0), model: target(fill) };
}
