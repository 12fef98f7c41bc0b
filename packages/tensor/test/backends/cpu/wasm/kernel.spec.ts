import { expect } from "chai";
import { GEMM_SHAPE, gemmModuleBytes } from "../../../../src/backends/cpu/wasm/kernel.js";

describe("wasm GEMM module", () => {
  it("is valid and small enough for synchronous compilation on a browser's main thread (4 KiB)", () => {
    for (const shape of [GEMM_SHAPE, { rows: 6, vectors: 1 }]) {
      const bytes = gemmModuleBytes(1, 16, { shape });
      expect(WebAssembly.validate(bytes)).to.equal(true);
      expect(bytes.length).to.be.below(4096);
    }
  });

  it("is the same bytes every time", () => {
    expect(gemmModuleBytes(1, 1024)).to.deep.equal(gemmModuleBytes(1, 1024));
  });

  it("packs B into zero-padded panels of 4 columns", () => {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes(1, 1)), {});
    const heap = new Float64Array((exports["memory"] as WebAssembly.Memory).buffer);
    const pack = exports["pack"] as (src: number, dst: number, k: number, n: number, ldb: number) => void;
    // B is 2×6 with rows 7 apart, at value index 100; the panels go to index 0.
    heap.set([1, 2, 3, 4, 5, 6, -1, 7, 8, 9, 10, 11, 12], 100);
    heap.fill(NaN, 0, 16);
    pack(800, 0, 2, 6, 7);
    expect([...heap.subarray(0, 16)]).to.deep.equal([1, 2, 3, 4, 7, 8, 9, 10, 5, 6, 0, 0, 11, 12, 0, 0]);
  });
});
