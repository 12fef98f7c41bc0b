import { expect } from "chai";
import { COLLECT_EVERY_BYTES, newBuffer, SHARED_MAX_VALUES } from "../../../src/backends/cpu/buffers.js";
import { kernelBuffersShared } from "../../../src/backends/cpu/wasm/helpers.js";

// Where the kernels have helpers: Node's main thread, on two cores or more, NABLA_CPU_THREADS unset or above 1.
(kernelBuffersShared() ? describe : describe.skip)("the CPU backend's buffers, shared with the kernels' helpers (Node)", () => {
  it("lie in SharedArrayBuffers from 4096 values to SHARED_MAX_VALUES, else in ArrayBuffers", () => {
    expect(newBuffer("float64", 4096).buffer).to.be.instanceOf(SharedArrayBuffer);
    expect(newBuffer("float32", 5000)).to.be.instanceOf(Float32Array);
    expect(newBuffer("float32", 5000).buffer).to.be.instanceOf(SharedArrayBuffer);
    expect(newBuffer("float64", SHARED_MAX_VALUES).buffer).to.be.instanceOf(SharedArrayBuffer);
    expect(newBuffer("float64", 4095).buffer).to.be.instanceOf(ArrayBuffer);
    expect(newBuffer("float64", SHARED_MAX_VALUES + 1).buffer).to.be.instanceOf(ArrayBuffer);
  });

  it("do not pile up when dead: a collection is asked for every so many shared bytes", () => {
    // 4 GiB of 8 MiB buffers, two alive at a time: V8 alone would keep them all.
    const held: unknown[] = [];
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 0; i < 512; i++) {
      held.push(newBuffer("float64", 1 << 20));
      if (held.length > 2) held.shift();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    // What a collection finds dead is freed as its concurrent sweep ends: up to a second batch may wait.
    expect(peak).to.be.below(2 * COLLECT_EVERY_BYTES + 64 * 1024 * 1024);
  });
});
