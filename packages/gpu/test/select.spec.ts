import { expect } from "chai";
import { createGpuBackend, describeBackend, GpuJsBackend, GpuOptionError, modeStatuses, ModeUnavailableError } from "../src/index.js";

describe("select", function () {
  it("picks the fastest mode available and says why faster ones were passed over", async function () {
    const statuses = await modeStatuses();
    const backend = await createGpuBackend();
    const first = statuses.find((s) => s.available)!;
    expect(backend.mode).to.equal(first.mode);
    const { passedOver, summary } = describeBackend(backend);
    expect(passedOver.map((s) => s.mode)).to.deep.equal(statuses.slice(0, statuses.indexOf(first)).map((s) => s.mode));
    for (const s of passedOver) expect(summary).to.include(`not ${s.mode}: ${s.reason}`);
  });

  it("in Node without a GL stack or a loadable WebGPU, chooses webasm", async function () {
    const statuses = await modeStatuses();
    if (statuses.slice(0, 4).some((s) => s.available)) this.skip();
    const backend = await createGpuBackend();
    expect(backend).to.be.instanceOf(GpuJsBackend);
    expect(backend.mode).to.equal("webasm");
    expect(describeBackend(backend).passedOver.map((s) => s.mode)).to.deep.equal(["webgpu", "headlessgl", "webgl2", "webgl"]);
  });

  it("uses a mode named explicitly, or refuses it with the reason", async function () {
    expect((await createGpuBackend({ mode: "cpu" })).mode).to.equal("cpu");
    const webgl2 = (await modeStatuses()).find((s) => s.mode === "webgl2")!;
    if (webgl2.available) this.skip();
    let error: unknown;
    try {
      await createGpuBackend({ mode: "webgl2" });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ModeUnavailableError);
    expect((error as Error).message).to.include(webgl2.reason);
  });

  it("leaves WebGPU out when synchronous reads are asked for", async function () {
    const backend = await createGpuBackend({ synchronousReads: true });
    expect(backend.mode).to.not.equal("webgpu");
    expect(describeBackend(backend).passedOver[0]).to.deep.include({ mode: "webgpu", available: false });
  });

  it("rejects an unknown mode, naming the ones it knows", async function () {
    let error: unknown;
    try {
      await createGpuBackend({ mode: "cuda" as never });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(GpuOptionError);
    expect((error as Error).message).to.match(/unknown mode "cuda".*webgpu, headlessgl, webgl2, webgl, webasm, cpu/);
  });
});
