import { expect } from "chai";
import { Prim } from "@nabla/tensor";
import { plan } from "../helpers/plan.js";
import { flatGrid, wgslKernel, WORKGROUP } from "../../src/webgpu/wgsl.js";

describe("webgpu/wgsl", function () {
  it("folds a long dispatch into two dimensions within the per-dimension limit", function () {
    expect(flatGrid(100, 65535)).to.deep.equal([2, 1, 1]);
    expect(flatGrid(65535 * WORKGROUP * 2 + 1, 65535)).to.deep.equal([65535, 3, 1]);
  });

  it("binds the inputs, then the index tables (i32), then the output", function () {
    const k = wgslKernel(plan(Prim.Take, [[4, 6]], { indices: Int32Array.from([1, 0]), axis: 1 }, [4, 2]));
    expect(k.inputs).to.equal(1);
    expect(k.tables).to.equal(1);
    expect(k.code).to.include("@binding(0) var<storage, read> in0: array<f32>;");
    expect(k.code).to.include("@binding(1) var<storage, read> tab0: array<i32>;");
    expect(k.code).to.include("@binding(2) var<storage, read_write> dst: array<f32>;");
    expect(k.code).to.include("if (i >= 8u) { return; }");
  });

  it("tiles a product in 64×64 blocks, one workgroup layer per batch element", function () {
    const k = wgslKernel(
      plan(
        Prim.Matmul,
        [
          [3, 1, 70, 5],
          [4, 5, 130],
        ],
        {},
        [3, 4, 70, 130],
      ),
    );
    expect(k.grid).to.deep.equal([3, 2, 12]);
    expect(k.code).to.include("var<workgroup> As: array<f32, 1024>;");
    expect(k.code).to.include("workgroupBarrier();");
  });

  it("refuses a product needing more workgroups than the device dispatches along one dimension", function () {
    expect(() =>
      wgslKernel(
        plan(
          Prim.Matmul,
          [
            [70_000, 4],
            [4, 4],
          ],
          {},
          [70_000, 4],
        ),
        1000,
      ),
    ).to.throw(RangeError, /exceed the device's 1000 per dimension/);
  });
});
