import { expect } from "chai";
import { cpu } from "@nabla/tensor";
import { describeBackend, gpuJsBackend } from "../src/index.js";

describe("describe", function () {
  it("describes a gpu.js backend: engine, precision, where values stay", function () {
    const d = describeBackend(gpuJsBackend({ mode: "cpu" }));
    expect(d).to.deep.include({ name: "gpu.js/cpu", mode: "cpu", precision: "float32" });
    expect(d.engine).to.match(/^gpu\.js 2\.24\.1/);
    expect(d.residency).to.match(/Float32Arrays/);
    expect(d.summary).to.match(/^gpu\.js\/cpu \(gpu\.js 2\.24\.1\), float32/);
  });

  it("describes a backend of another package without a mode", function () {
    expect(describeBackend(cpu)).to.deep.include({ name: "cpu", mode: undefined, passedOver: [] });
  });
});
