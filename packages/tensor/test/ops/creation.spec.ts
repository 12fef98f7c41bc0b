import { expect } from "chai";
import { expectAllclose } from "@nabla/testing";
import { arange, eye, full, linspace, meshgrid, ones, tensor, TensorDataError, zeros } from "@nabla/tensor";

describe("creation", () => {
  it("infers shapes from nested arrays and keeps typed arrays' values", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).to.deep.equal([2, 3]);
    expect(x.dtype).to.equal("float64");
    expect(x.toArray()).to.deep.equal([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(new Float64Array([1, 2, 3, 4]), [2, 2]).toArray()).to.deep.equal([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor(3).shape).to.deep.equal([]);
    expect(tensor(3).item()).to.equal(3);
  });

  it("stores float32 when asked, rounding to float32", () => {
    const x = tensor([0.1], undefined, { dtype: "float32" });
    expect(x.dtype).to.equal("float32");
    expect(x.data()).to.be.instanceOf(Float32Array);
    expect(x.item()).to.equal(Math.fround(0.1));
  });

  it("returns copies, so tensors stay immutable", () => {
    const x = tensor([1, 2]);
    x.data()[0] = 99;
    expect(x.toArray()).to.deep.equal([1, 2]);
  });

  it("rejects ragged nesting, non-numbers and wrong lengths with the place", () => {
    expect(() => tensor([[1, 2], [3]])).to.throw(TensorDataError, /ragged nesting at \[1\]/);
    expect(() => tensor([[1, "a" as unknown as number]])).to.throw(TensorDataError, /\[0\]\[1\]/);
    expect(() => tensor([1, 2, 3], [2, 2])).to.throw(TensorDataError, /3 values cannot fill shape \[2, 2\]/);
  });

  it("fills, counts and spaces like NumPy", () => {
    expect(zeros([2]).toArray()).to.deep.equal([0, 0]);
    expect(ones([1, 2]).toArray()).to.deep.equal([[1, 1]]);
    expect(full([2], 7).toArray()).to.deep.equal([7, 7]);
    expect(eye(2).toArray()).to.deep.equal([
      [1, 0],
      [0, 1],
    ]);
    expect(arange(4).toArray()).to.deep.equal([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25).toArray()).to.deep.equal([1, 1.25, 1.5, 1.75]);
    const l = linspace(-2, 2, 100).data();
    expect(l[0]).to.equal(-2);
    expect(l[99]).to.equal(2);
    expectAllclose(Array.from(l.slice(0, 3)), [-2, -2 + 4 / 99, -2 + 8 / 99]);
  });

  it("meshgrid follows NumPy's xy and ij indexing", () => {
    const [X, Y] = meshgrid([tensor([1, 2, 3]), tensor([10, 20])]);
    expect(X!.toArray()).to.deep.equal([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(Y!.toArray()).to.deep.equal([
      [10, 10, 10],
      [20, 20, 20],
    ]);
    const [I, J] = meshgrid([tensor([1, 2, 3]), tensor([10, 20])], { indexing: "ij" });
    expect(I!.toArray()).to.deep.equal([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(J!.toArray()).to.deep.equal([
      [10, 20],
      [10, 20],
      [10, 20],
    ]);
  });
});
