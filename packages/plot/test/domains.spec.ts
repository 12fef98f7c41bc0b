import { expect } from "chai";
import { colorDomain, extent, paddedDomain, symmetricDomain } from "../src/domains.js";
import { errorMeasure } from "../src/errorMeasure.js";
import { series } from "../src/series.js";

describe("domains", () => {
  it("take the extent of the finite values", () => {
    expect(extent([3, NaN, -1, Infinity], [2])).to.deep.equal([-1, 3]);
    expect(extent([NaN])).to.deep.equal([0, 0]);
  });

  it("widen constant data so that a scale exists", () => {
    expect(colorDomain([0, 0])).to.deep.equal([-0.1, 0.1]);
    expect(colorDomain([2, 2])).to.deep.equal([1.8, 2.2]);
    const [lo, hi] = paddedDomain([[1, 1]]);
    expect(lo).to.be.below(1);
    expect(hi).to.be.above(1);
  });

  it("are symmetric about 0 for errors", () => {
    expect(symmetricDomain([[-0.5, 2]])).to.deep.equal([-2, 2]);
    expect(symmetricDomain([[0, 0]])).to.deep.equal([-0.1, 0.1]);
  });
});

describe("errorMeasure", () => {
  it("is relative with eps, or absolute", () => {
    const net = Float64Array.of(1.1, 0);
    const truth = Float64Array.of(1, 0);
    expect(Array.from(errorMeasure(net, truth, "relative", 0.01))).to.deep.equal([0.1 / 1.01 + (1.1 - 1 - 0.1) / 1.01, 0]);
    expect(Array.from(errorMeasure(net, truth, "absolute", 0.01))).to.deep.equal([1.1 - 1, 0]);
  });
});

describe("series", () => {
  it("reads one component of row-major [N, nOut, nIn, nIn] arrays", () => {
    // N = 2, nOut = 2, nIn = 2: element [p, k, i, j] = 1000 p + 100 k + 10 i + j.
    const h = Float64Array.from({ length: 16 }, (_, q) => {
      const [p, k, i, j] = [q >> 3, (q >> 2) & 1, (q >> 1) & 1, q & 1];
      return 1000 * p + 100 * k + 10 * i + j;
    });
    expect(Array.from(series(h, 2, 2, 2, { order: 2, k: 1, i: 0, j: 1 }))).to.deep.equal([101, 1101]);
    const jac = Float64Array.of(0, 1, 10, 11, 100, 101, 110, 111); // [p, k, i] = 100 p + 10 k + i
    expect(Array.from(series(jac, 2, 2, 2, { order: 1, k: 1, i: 0, j: 0 }))).to.deep.equal([10, 110]);
    expect(Array.from(series(Float64Array.of(1, 2, 3, 4), 2, 2, 2, { order: 0, k: 1, i: 0, j: 0 }))).to.deep.equal([2, 4]);
  });
});
