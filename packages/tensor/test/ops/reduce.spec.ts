import { expect } from "chai";
import { expectAllclose, seededUniform } from "@nabla/testing";
import * as t from "@nabla/tensor";

describe("reductions", () => {
  const data = seededUniform(2, 2 * 3 * 4);
  const x = t.tensor(data, [2, 3, 4]);
  const at = (i: number, j: number, k: number) => data[i * 12 + j * 4 + k]!;
  const loop = (keep: (i: number, j: number, k: number) => number[], shape: number[]) => {
    const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
    const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 4; k++) {
          out[keep(i, j, k).reduce((acc, v, d) => acc + v * strides[d]!, 0)] += at(i, j, k);
        }
    return t.tensor(out, shape).toArray();
  };

  it("sums over any set of axes, negative ones included", () => {
    expectAllclose(
      t.sum(x, 0),
      loop((_, j, k) => [j, k], [3, 4]),
    );
    expectAllclose(
      t.sum(x, 1),
      loop((i, _, k) => [i, k], [2, 4]),
    );
    expectAllclose(
      t.sum(x, -1),
      loop((i, j) => [i, j], [2, 3]),
    );
    expectAllclose(
      t.sum(x, [0, 2]),
      loop((_, j) => [j], [3]),
    );
    expect(t.sum(x).shape).to.deep.equal([]);
    expectAllclose([t.sum(x).item()], [data.reduce((a, b) => a + b, 0)]);
  });

  it("keeps reduced axes on request, and means divide by the count", () => {
    expect(t.sum(x, 1, { keepdims: true }).shape).to.deep.equal([2, 1, 4]);
    expectAllclose(t.mean(x, [0, 1]), t.div(t.sum(x, [0, 1]), 6));
    expect(t.mean(t.tensor([1, 2, 3, 4])).item()).to.equal(2.5);
  });

  it("rejects an axis out of range with the rank", () => {
    expect(() => t.sum(x, 3)).to.throw(t.IndexError, "sum: axis 3 is out of range for a tensor of rank 3");
  });
});
