import { expect } from "chai";
import { seededUniform } from "@nabla/testing";
import * as t from "@nabla/tensor";

describe("movement ops", () => {
  const x = t.reshape(t.arange(24), [2, 3, 4]);
  const nested = x.toArray() as number[][][];

  it("reshapes with an inferred dimension and checks sizes", () => {
    expect(t.reshape(x, [4, -1]).shape).to.deep.equal([4, 6]);
    expect(() => t.reshape(x, [5, 5])).to.throw(t.ShapeError, "reshape: cannot reshape [2, 3, 4] (24 elements) to [5, 5] (25 elements)");
  });

  it("transposes and moves axes", () => {
    const tr = t.transpose(x, [2, 0, 1]).toArray() as number[][][];
    expect(tr[3]![1]![2]).to.equal(nested[1]![2]![3]);
    expect(
      t
        .transpose(
          t.tensor([
            [1, 2],
            [3, 4],
          ]),
        )
        .toArray(),
    ).to.deep.equal([
      [1, 3],
      [2, 4],
    ]);
    expect(t.moveAxis(x, 0, -1).shape).to.deep.equal([3, 4, 2]);
    expect(() => t.transpose(x, [0, 0, 1])).to.throw(t.ShapeError, /not a permutation/);
  });

  it("transposes by every permutation of four axes (batches of small items, short rows, long ones) as the index formula says", () => {
    const y = t.reshape(t.arange(5 * 2 * 3 * 20), [5, 2, 3, 20]);
    const ys = y.toArray() as number[][][][];
    const permutations = (items: number[]): number[][] =>
      items.length <= 1 ? [items] : items.flatMap((first) => permutations(items.filter((i) => i !== first)).map((rest) => [first, ...rest]));
    for (const perm of permutations([0, 1, 2, 3])) {
      const out = t.transpose(y, perm);
      const shape = perm.map((p) => y.shape[p]!);
      expect(out.shape).to.deep.equal(shape);
      const flat = Array.from(out.data());
      // Each output position [b, i, j, k] holds the input at the axes perm sends it to.
      let at = 0;
      for (let b = 0; b < shape[0]!; b++)
        for (let i = 0; i < shape[1]!; i++)
          for (let j = 0; j < shape[2]!; j++)
            for (let k = 0; k < shape[3]!; k++) {
              const index = [0, 0, 0, 0];
              [b, i, j, k].forEach((v, d) => (index[perm[d]!] = v));
              expect(flat[at++], `perm ${perm} at ${[b, i, j, k]}`).to.equal(ys[index[0]!]![index[1]!]![index[2]!]![index[3]!]);
            }
    }
  });

  it("broadcasts, expands and squeezes", () => {
    expect(t.broadcastTo(t.tensor([1, 2]), [2, 2]).toArray()).to.deep.equal([
      [1, 2],
      [1, 2],
    ]);
    expect(() => t.broadcastTo(t.tensor([1, 2]), [3])).to.throw(t.ShapeError);
    expect(t.expandDims(x, 1).shape).to.deep.equal([2, 1, 3, 4]);
    expect(t.squeeze(t.zeros([1, 2, 1])).shape).to.deep.equal([2]);
  });

  it("concatenates runs long and short along a middle axis, operands of different sizes", () => {
    for (const inner of [1, 20]) {
      const parts = [2, 5, 1].map((len, i) => t.tensor(seededUniform(i + 1, 3 * len * inner), [3, len, inner]));
      const out = t.concat(parts, 1).toArray() as number[][][];
      const expected = [0, 1, 2].map((o) => parts.flatMap((p) => (p.toArray() as number[][][])[o]!));
      expect(out).to.deep.equal(expected);
    }
  });

  it("concatenates and stacks along any axis", () => {
    const a = t.tensor([[1, 2]]),
      b = t.tensor([[3, 4]]);
    expect(t.concat([a, b], 0).toArray()).to.deep.equal([
      [1, 2],
      [3, 4],
    ]);
    expect(t.concat([a, b], -1).toArray()).to.deep.equal([[1, 2, 3, 4]]);
    expect(t.stack([a, b], 1).toArray()).to.deep.equal([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(t.stack([t.tensor(1), t.tensor(2)]).toArray()).to.deep.equal([1, 2]);
    expect(() => t.concat([a, t.zeros([1, 3])], 0)).to.throw(
      t.ShapeError,
      "concat: tensor 1 has shape [1, 3], which differs from [1, 2] outside axis 0",
    );
    expect(() => t.stack([a, t.zeros([2, 1])])).to.throw(t.ShapeError, /stack: tensor 1 has shape \[2, 1\]/);
  });

  it("takes integers (removing the axis) and lists, with negative indices and axes", () => {
    expect(t.take(x, 1, 0).toArray()).to.deep.equal(nested[1]);
    expect(t.take(x, -1, -1).toArray()).to.deep.equal(nested.map((m) => m.map((r) => r[3])));
    expect(t.take(x, [2, 0, 2], 1).toArray()).to.deep.equal(nested.map((m) => [m[2], m[0], m[2]]));
    expect(() => t.take(x, 3, 1)).to.throw(t.IndexError, "take: index 3 is out of range for axis 1 of size 3 (shape [2, 3, 4])");
    expect(() => t.take(x, 0, 3)).to.throw(t.IndexError, /axis 3 is out of range for a tensor of rank 3/);
  });

  it("takes a contiguous block (consecutive indices, nothing before the axis) as it takes any other", () => {
    expect(t.take(x, [0, 1], 0).toArray()).to.deep.equal(nested);
    expect(t.take(x, [1], 0).toArray()).to.deep.equal([nested[1]]);
    const row = t.take(t.reshape(x, [1, 6, 4]), [2, 3, 4], 1);
    const rows = [nested[0]![2]!, nested[1]![0]!, nested[1]![1]!];
    expect(row.toArray()).to.deep.equal([rows]);
    // What follows a shared block sees its own values, and the block's input is unchanged.
    expect(t.add(row, 1).toArray()).to.deep.equal([rows.map((r) => r.map((v) => v + 1))]);
    expect(x.toArray()).to.deep.equal(nested);
  });

  it("slices NumPy-style and pads with zeros", () => {
    expect(t.slice(x, [1, -2], [2]).toArray()).to.deep.equal([nested[1]!.slice(1)]);
    expect(t.slice(t.arange(5), [1], [99]).toArray()).to.deep.equal([1, 2, 3, 4]);
    expect(t.pad(t.tensor([[1]]), [1, 0], [0, 2]).toArray()).to.deep.equal([
      [0, 0, 0],
      [1, 0, 0],
    ]);
    // Rank 3, short rows: written at the output's offsets and strides, zeros around.
    const padded = t.pad(x, [1, 0, 2], [0, 2, 1]).toArray() as number[][][];
    expect(padded.length).to.equal(3);
    padded.forEach((m, i) =>
      m.forEach((r, j) =>
        r.forEach((v, k) => expect(v, `[${i}, ${j}, ${k}]`).to.equal(i >= 1 && j < 3 && k >= 2 && k < 6 ? nested[i - 1]![j]![k - 2] : 0)),
      ),
    );
  });
});
