import { expect } from "chai";
import { alignedStrides, mergeDims } from "../../src/plan/layout.js";

describe("plan/layout", function () {
  it("aligns strides under broadcasting, 0 on broadcast dimensions", function () {
    expect(alignedStrides([3, 1, 5], [2, 3, 4, 5])).to.deep.equal([0, 5, 0, 1]);
    expect(alignedStrides([], [2, 3])).to.deep.equal([0, 0]);
  });

  it("merges a same-shape operation into one flat dimension", function () {
    const v = { input: 0, offset: 0, strides: [300, 100, 1] };
    expect(mergeDims([10, 3, 100], [v, { ...v, input: 1 }]).dims).to.deep.equal([3000]);
  });

  it("keeps the dimensions a broadcast operand cannot walk contiguously", function () {
    const merged = mergeDims(
      [10, 3, 100],
      [
        { input: 0, offset: 0, strides: [300, 100, 1] },
        { input: 1, offset: 0, strides: [100, 0, 1] },
      ],
    );
    expect(merged.dims).to.deep.equal([10, 3, 100]);
    expect(merged.views[1]!.strides).to.deep.equal([100, 0, 1]);
  });

  it("drops size-1 dimensions but keeps those a bound or a gather names", function () {
    expect(mergeDims([1, 4, 1, 5], [{ input: 0, offset: 0, strides: [20, 5, 5, 1] }]).dims).to.deep.equal([20]);
    const gathered = mergeDims([1, 3, 7], [{ input: 0, offset: 0, strides: [21, 7, 1], gather: { dim: 1, table: 0 } }]);
    expect(gathered.dims).to.deep.equal([3, 7]);
    expect(gathered.views[0]!.gather).to.deep.equal({ dim: 0, table: 0 });
  });
});
