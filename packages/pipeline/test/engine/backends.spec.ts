import { expectAllclose } from "@nabla/testing";
import { expect } from "chai";
import { cpu } from "@nabla/tensor";
import { createBackends, cpuCompute } from "../../src/engine/backends.js";
import { inThreadEngine } from "../../src/engine/inThreadEngine.js";
import { BackendUnavailableError, UnsupportedSourceError } from "../../src/errors.js";
import { loadModelFromDisk } from "../../src/node/loadModelFromDisk.js";
import { nodeWorkerEngine } from "../../src/node/nodeWorkerEngine.js";
import { inlineModel } from "../../src/targets/sources.js";
import { loadModel } from "@nabla/models/node";
import { expectFloat32Close } from "../helpers/float32.js";
import { flatReference, seedNetDir, seedNetRef } from "../helpers/references.js";

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

/** In Node here, @nabla/gpu's fastest mode is gpu.js's webasm (no WebGPU, no GL): what these tests run on. */
describe("backends of an engine", () => {
  it("keeps the CPU backend as the float64 reference", async () => {
    const backends = createBackends();
    expect(await backends.get("cpu")).to.equal(cpuCompute);
    expect(cpuCompute).to.deep.include({ backend: cpu, dtype: "float64" });
    expect(cpuCompute.computedOn).to.deep.include({ backend: "cpu", name: "cpu", precision: "float64" });
  });

  it("makes the gpu backend on first use, once, says what it runs on, and frees it on dispose", async () => {
    const backends = createBackends();
    const [a, b] = await Promise.all([backends.get("gpu"), backends.get("gpu")]);
    expect(a).to.equal(b);
    expect(a).to.deep.include({ name: "gpu", dtype: "float32" });
    expect(a.computedOn).to.deep.include({ backend: "gpu", precision: "float32" });
    expect(a.computedOn.summary).to.contain(a.computedOn.name).and.to.contain("float32");
    expect(a.loadOptions).to.deep.equal({ backend: a.backend, dtype: "float32" });
    await backends.dispose();
    const c = await backends.get("gpu");
    expect(c).to.not.equal(a);
    await backends.dispose();
  });

  it("says why a gpu backend cannot start, and tries again on the next request", async () => {
    const backends = createBackends({ mode: "webgl2" });
    const first = await rejection(backends.get("gpu"));
    expect(first).to.be.instanceOf(BackendUnavailableError);
    expect((first as Error).message).to.match(
      /^backend "gpu" is unavailable here: no mode of @nabla\/gpu could start \(ModeUnavailableError: .*webgl2.*\); use backend "cpu"$/,
    );
    const second = await rejection(backends.get("gpu"));
    expect(second).to.be.instanceOf(BackendUnavailableError).and.not.equal(first);
  });
});

describe("an engine on the gpu backend", () => {
  const expected = flatReference("seed-net");
  const n = expected.points.length / 2;

  it("computes the seed network in this thread within float32 accuracy of the float64 reference, and says where", async () => {
    const engine = inThreadEngine({ loadModel: loadModelFromDisk });
    try {
      const result = await engine.compute({ target: seedNetRef, points: expected.points, chunkSize: 128, backend: "gpu" });
      expect(result.value).to.be.instanceOf(Float64Array);
      expect(result.computedOn).to.deep.include({ backend: "gpu", precision: "float32" });
      expectFloat32Close(result, expected, n, 2, 3, "seed-net on the gpu backend");
      // The CPU backend still computes in float64, from a model of its own.
      const onCpu = await engine.compute({ target: seedNetRef, points: expected.points.subarray(0, 8) });
      expect(onCpu.computedOn.backend).to.equal("cpu");
      expectAllclose(onCpu.value, expected.value.subarray(0, 12), { rtol: 1e-9, atol: 1e-12 }, "value on the CPU");
    } finally {
      await engine.close();
    }
  });

  it("makes the gpu backend inside the worker thread, and the model's weights there", async () => {
    const engine = nodeWorkerEngine();
    try {
      const result = await engine.compute({ target: seedNetRef, points: expected.points, chunkSize: 100, backend: "gpu" });
      expect(result.computedOn).to.deep.include({ backend: "gpu", precision: "float32" });
      expectFloat32Close(result, expected, n, 2, 3, "seed-net on the gpu backend in a worker");
    } finally {
      await engine.close();
    }
  });

  it("refuses to move a model given as an object to the gpu backend", async () => {
    const model = await loadModel(seedNetDir);
    const error = await rejection(
      inThreadEngine().compute({
        target: { kind: "model", source: inlineModel(model, "seed"), physical: false },
        points: new Float64Array(2),
        backend: "gpu",
      }),
    );
    expect(error).to.be.instanceOf(UnsupportedSourceError);
    expect((error as Error).message).to.match(
      /^model "seed": a model given as an object is already made on its backend and cannot move to "gpu\.js\/\w+"/,
    );
  });
});
