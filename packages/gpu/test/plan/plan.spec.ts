import { expect } from "chai";
import { Prim } from "@nabla/tensor";
import { planFor } from "../../src/plan/index.js";

const avals = (...shapes: number[][]) => shapes.map((shape) => ({ shape }));
const out = (shape: number[]) => ({ shape, dtype: "float32" as const });

describe("plan", function () {
  it("shares the buffer for reshape and cast", function () {
    expect(planFor(Prim.Reshape, avals([2, 3]), { shape: [3, 2] }, out([3, 2]))).to.equal("alias");
    expect(planFor(Prim.Cast, avals([2, 3]), { dtype: "float64" }, out([2, 3]))).to.equal("alias");
  });

  it("plans a product whose B every batch shares as one tall product", function () {
    expect(planFor(Prim.Matmul, avals([10, 3, 1, 100], [100, 100]), {}, out([10, 3, 1, 100]))).to.deep.equal({
      kind: "matmul",
      m: 30,
      k: 100,
      n: 100,
      batch: [],
      aStrides: [],
      bStrides: [],
    });
  });

  it("plans a batched product with broadcast batch strides in elements", function () {
    const plan = planFor(Prim.Matmul, avals([3, 1, 5, 7], [4, 7, 2]), {}, out([3, 4, 5, 2]));
    expect(plan).to.deep.include({ kind: "matmul", m: 5, k: 7, n: 2, batch: [3, 4], aStrides: [35, 0], bStrides: [0, 14] });
  });

  it("plans take as a gather through an index table", function () {
    const indices = Int32Array.from([2, 0]);
    const plan = planFor(Prim.Take, avals([4, 3, 5]), { indices, axis: 1 }, out([4, 2, 5]));
    expect(plan).to.deep.include({ kind: "map", dims: [4, 2, 5] });
    expect(plan !== "alias" && plan.kind === "map" && plan.tables[0]).to.equal(indices);
  });

  it("plans index_add as compressed rows with the longest run", function () {
    const plan = planFor(Prim.IndexAdd, avals([2, 4]), { indices: Int32Array.from([1, 0, 1, 1]), axis: 1, size: 3 }, out([2, 3]));
    expect(plan).to.deep.include({ kind: "indexAdd", outer: 2, size: 3, inner: 1, n: 4, maxRun: 3 });
    if (plan === "alias" || plan.kind !== "indexAdd") throw new Error("expected an index_add plan");
    expect(Array.from(plan.tables[0])).to.deep.equal([0, 1, 4, 4]);
    expect(Array.from(plan.tables[1])).to.deep.equal([1, 0, 2, 3]);
  });

  it("plans a reduction with merged kept and reduced dimensions", function () {
    expect(planFor(Prim.ReduceSum, avals([4, 5, 6]), { axes: [1, 2] }, out([4]))).to.deep.equal({
      kind: "reduce",
      dims: [4],
      strides: [30],
      rdims: [30],
      rstrides: [1],
    });
  });
});
