import { expect } from "chai";
import { take, tensor, type Tensor } from "@nabla/tensor";
import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { expectAllclose, seededUniform } from "@nabla/testing";
import {
  type NormType,
  type OperatorFunction,
  type Transformer,
  TransformerShapeError,
  describeTransformer,
  selectColumns,
  transformerFunction,
} from "../../../src/index.js";
import { plainTransform } from "../../helpers/plainForward.js";

const array = (values: number[], dtype: "float64" | "float32" = "float64") => ({
  kind: "numpy.ndarray" as const,
  dtype,
  shape: [values.length],
  data: dtype === "float64" ? Float64Array.from(values) : Float32Array.from(values),
});

const STATS = { mean: array([1.5, -2, 30]), std: array([0.5, 3, 12]), min: array([0.25, -9, 0]), max: array([4, 7, 60]) };
const NORM_TYPES: NormType[] = ["NONE", "MEAN0", "STD1", "MEAN0STD1", "MIN0MAX1", "MIN1MAX1"];
const normalizer = (type: "Normalizer" | "InverseNormalizer", normType: NormType): Transformer => ({
  kind: "transformer",
  type,
  normType,
  stats: STATS,
});
const op = (fun: OperatorFunction): Transformer => ({ kind: "transformer", type: "Operator", fun });
const fn = (name: "id" | "log10" | "pow10"): OperatorFunction => ({ kind: "operator-function", name });

/** Rows of positive values, for log10. */
const ROWS = Array.from({ length: 6 }, (_, i) => Array.from(seededUniform(11 + i, 3, 0.2, 5)));

const plain = (t: Transformer, rows: number[][]): number[][] => rows.map((r) => Array.from(plainTransform(t, Float64Array.from(r))));

/** The Jacobian of a plain transformer of one row, by central differences. */
function plainJacobian(t: Transformer, row: number[], h = 1e-5): number[][] {
  const out = plain(t, [row])[0]!;
  return out.map((_, k) =>
    row.map((_, j) => {
      const up = [...row],
        down = [...row];
      up[j]! += h;
      down[j]! -= h;
      return (plain(t, [up])[0]![k]! - plain(t, [down])[0]![k]!) / (2 * h);
    }),
  );
}

describe("nnbma/build/transformer", () => {
  describe("Normalizer and InverseNormalizer, every NormType", () => {
    for (const normType of NORM_TYPES) {
      it(`${normType}: values as nnbma, Jacobian, and the inverse undoes it`, () => {
        const forward = transformerFunction(normalizer("Normalizer", normType), "net", "float64");
        const inverse = transformerFunction(normalizer("InverseNormalizer", normType), "net", "float64");
        const X = tensor(ROWS);
        expectAllclose(forward(X), plain(normalizer("Normalizer", normType), ROWS), { rtol: 1e-15 });
        expectAllclose(inverse(X), plain(normalizer("InverseNormalizer", normType), ROWS), { rtol: 1e-15 });
        expectAllclose(inverse(forward(X)), ROWS, { rtol: 1e-14, atol: 1e-14 });
        expectAllclose(
          vmap(jacrev(forward))(X),
          ROWS.map((r) => plainJacobian(normalizer("Normalizer", normType), r)),
          { rtol: 1e-8, atol: 1e-12 },
        );
        expectAllclose(
          vmap(hessian(inverse))(X),
          ROWS.map(() => [0, 1, 2].map(() => [0, 1, 2].map(() => [0, 0, 0]))),
          { atol: 0 },
        );
      });
    }

    it("float32 statistics: max − min is taken in float32, as NumPy does", () => {
      const stats = { mean: array([0], "float32"), std: array([1], "float32"), min: array([0.1], "float32"), max: array([2 ** 24], "float32") };
      const t: Transformer = { kind: "transformer", type: "Normalizer", normType: "MIN0MAX1", stats };
      const min = Math.fround(0.1);
      const y = transformerFunction(t, "net", "float64")(tensor([2 ** 24])).item();
      expect(y).to.equal((2 ** 24 - min) / Math.fround(2 ** 24 - min));
      expect(Math.fround(2 ** 24 - min)).to.not.equal(2 ** 24 - min);
    });

    it("statistics for another number of columns: an error naming the network and both widths", () => {
      const f = transformerFunction(normalizer("Normalizer", "MEAN0STD1"), "nets/a", "float64");
      expect(() => f(tensor([[1, 2]]))).to.throw(
        TransformerShapeError,
        "nets/a: the Normalizer (MEAN0STD1) has statistics for 3 columns but was given a tensor of shape [1, 2]; expected 3 columns.",
      );
    });
  });

  describe("Operator functions", () => {
    const x = tensor([0.3, 1, 2.5, 7]);
    const v = [0.3, 1, 2.5, 7];
    const cases: [OperatorFunction, (t: number) => number, (t: number) => number, (t: number) => number][] = [
      [fn("id"), (t) => t, () => 1, () => 0],
      [fn("log10"), Math.log10, (t) => 1 / (t * Math.LN10), (t) => -1 / (t * t * Math.LN10)],
      [fn("pow10"), (t) => 10 ** t, (t) => Math.LN10 * 10 ** t, (t) => Math.LN10 ** 2 * 10 ** t],
      [
        { kind: "operator-function", name: "asinh", a: 2 },
        (t) => 2 * Math.asinh(t / 2),
        (t) => 1 / Math.sqrt(1 + (t / 2) ** 2),
        (t) => -(t / 4) / (1 + (t / 2) ** 2) ** 1.5,
      ],
      [{ kind: "operator-function", name: "asinh", a: 1 }, Math.asinh, (t) => 1 / Math.sqrt(1 + t * t), (t) => -t / (1 + t * t) ** 1.5],
      [
        { kind: "operator-function", name: "sinh", a: 0.5 },
        (t) => 0.5 * Math.sinh(t / 0.5),
        (t) => Math.cosh(t / 0.5),
        (t) => Math.sinh(t / 0.5) / 0.5,
      ],
    ];
    for (const [f, value, first, second] of cases) {
      it(`${describeTransformer(op(f))}: values, first and second derivatives`, () => {
        const g = transformerFunction(op(f), "net", "float64");
        expectAllclose(g(x), v.map(value), { rtol: 2e-15 });
        expectAllclose(vmap(jacrev(g))(x), v.map(first), { rtol: 1e-14 });
        expectAllclose(vmap(hessian(g))(x), v.map(second), { rtol: 1e-13, atol: 1e-15 });
      });
    }

    it("sinh stays accurate near 0", () => {
      const g = transformerFunction(op({ kind: "operator-function", name: "sinh", a: 1 }), "net", "float64");
      expectAllclose(g(tensor([1e-10, -3e-9, 1e-300])), [Math.sinh(1e-10), Math.sinh(-3e-9), 1e-300], { rtol: 1e-15 });
    });
  });

  describe("ColumnwiseOperator and SequentialOperator", () => {
    const columnwise: Transformer = {
      kind: "transformer",
      type: "ColumnwiseOperator",
      nCols: 3,
      ops: [op(fn("log10")), op(fn("id")), op({ kind: "operator-function", name: "asinh", a: 3 })],
    };
    const sequential: Transformer = { kind: "transformer", type: "SequentialOperator", ops: [columnwise, normalizer("Normalizer", "MIN1MAX1")] };

    it("column k through operator k; extra columns dropped, as nnbma's vstack does", () => {
      const rows = ROWS.map((r) => [...r, 99]);
      const f = transformerFunction(columnwise, "net", "float64");
      expectAllclose(f(tensor(rows)), plain(columnwise, rows), { rtol: 1e-15 });
      expect(f(tensor(rows[0]!)).shape).to.deep.equal([3]);
    });

    it("a sequence applies its operators in order, with derivatives", () => {
      const f = transformerFunction(sequential, "net", "float64");
      expectAllclose(f(tensor(ROWS)), plain(sequential, ROWS), { rtol: 1e-14 });
      expectAllclose(
        vmap(jacrev(f))(tensor(ROWS)),
        ROWS.map((r) => plainJacobian(sequential, r)),
        { rtol: 1e-8 },
      );
      expect(describeTransformer(sequential)).to.equal(
        "SequentialOperator: [ColumnwiseOperator: [log10, id, asinh(a=3)], Normalizer: NormTypes.MIN1MAX1]",
      );
    });

    it("fewer columns than operators: an error", () => {
      const f = transformerFunction(columnwise, "nets/b", "float64");
      expect(() => f(tensor([[1, 2]]))).to.throw(
        TransformerShapeError,
        "nets/b: the ColumnwiseOperator has 3 column operators but was given a tensor of shape [1, 2]; expected at least 3 columns.",
      );
    });

    it("selectColumns gives the transformer of some columns: the same as taking them after", () => {
      const X = tensor(ROWS);
      const columns = [2, 0, 2];
      for (const t of [sequential, normalizer("InverseNormalizer", "MEAN0STD1"), op(fn("pow10"))]) {
        const picked = transformerFunction(selectColumns(t, columns, "net"), "net", "float64");
        expectAllclose(picked(take(X, columns, 1)), take(transformerFunction(t, "net", "float64")(X), columns, 1), { rtol: 0, atol: 0 });
      }
      expect(() => selectColumns(columnwise, [3], "net")).to.throw(TransformerShapeError, "column 3 has none");
    });

    it("float32: statistics and operators in float32", () => {
      const f = transformerFunction(sequential, "net", "float32");
      const y: Tensor = f(tensor(ROWS, undefined, { dtype: "float32" }));
      expect(y.dtype).to.equal("float32");
      expectAllclose(y, plain(sequential, ROWS), { rtol: 1e-5, atol: 1e-6 });
    });
  });
});
