import { expect } from "chai";
import { expectAllclose, seededUniform } from "@nabla/testing";
import * as t from "@nabla/tensor";

/** Naive matrix product of row-major m×k and k×n arrays. */
function naive(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): number[] {
  const c = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) c[i * n + j] += a[i * k + p]! * b[p * n + j]!;
  return c;
}

describe("matmul", () => {
  for (const [m, k, n] of [
    [1, 1, 1],
    [3, 5, 7],
    [4, 4, 4],
    [9, 2, 6],
    [33, 17, 5],
  ] as const) {
    it(`multiplies ${m}×${k} by ${k}×${n}`, () => {
      const a = seededUniform(m, m * k),
        b = seededUniform(n, k * n);
      expectAllclose(t.matmul(t.tensor(a, [m, k]), t.tensor(b, [k, n])).data(), naive(a, b, m, k, n), { rtol: 1e-13, atol: 1e-14 });
    });
  }

  it("broadcasts leading dimensions", () => {
    const a = seededUniform(3, 2 * 3 * 4),
      b = seededUniform(4, 3 * 4 * 5);
    const out = t.matmul(t.tensor(a, [2, 1, 3, 4]), t.tensor(b, [3, 4, 5]));
    expect(out.shape).to.deep.equal([2, 3, 3, 5]);
    const data = out.data();
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) {
        const expected = naive(a.subarray(i * 12, i * 12 + 12), b.subarray(j * 20, j * 20 + 20), 3, 4, 5);
        expectAllclose(data.subarray((i * 3 + j) * 15, (i * 3 + j) * 15 + 15), expected, { rtol: 1e-13 });
      }
  });

  it("batches of many small products, both operands batched (one product per point under vmap)", () => {
    const [batch, m, k, n] = [300, 3, 100, 2];
    const a = seededUniform(5, batch * m * k),
      b = seededUniform(6, batch * k * n);
    const data = t.matmul(t.tensor(a, [batch, m, k]), t.tensor(b, [batch, k, n])).data();
    for (const i of [0, 1, 150, batch - 1]) {
      const expected = naive(a.subarray(i * m * k, (i + 1) * m * k), b.subarray(i * k * n, (i + 1) * k * n), m, k, n);
      expectAllclose(data.subarray(i * m * n, (i + 1) * m * n), expected, { rtol: 1e-13 }, `product ${i}`);
    }
  });

  it("treats 1-d operands as vectors", () => {
    const A = t.tensor([
        [1, 2],
        [3, 4],
      ]),
      v = t.tensor([1, 1]);
    expect(t.matmul(A, v).toArray()).to.deep.equal([3, 7]);
    expect(t.matmul(v, A).toArray()).to.deep.equal([4, 6]);
    expect(t.matmul(v, v).toArray()).to.equal(2);
  });

  it("names both shapes when inner dimensions differ", () => {
    expect(() => t.matmul(t.zeros([2, 3]), t.zeros([2, 3]))).to.throw(t.ShapeError, "matmul: inner dimensions differ: [2, 3] @ [2, 3] (3 vs 2)");
  });
});
