import { expect } from "chai";
import { jacrev, vmap } from "@nabla/autodiff";
import { expectAllclose, seededUniform } from "@nabla/testing";
import { tensor, type Tensor } from "@nabla/tensor";
import { loadOnnx } from "../../src/onnx/loadOnnx.js";
import { supportedOnnxOps } from "../../src/onnx/ops/index.js";
import { writeOnnxModel, type AttributeValue, type NodeSpec, type TensorSpec } from "../helpers/onnxWriter.js";

/** Five points of three inputs in [lo, hi), the first value an exact 0 when the range holds it (the kinks). */
const points = (lo = -2, hi = 2, zero = lo < 0 && hi > 0): number[][] => {
  const v = Array.from(seededUniform(11, 15, lo, hi));
  if (zero) v[0] = 0;
  return [0, 1, 2, 3, 4].map((i) => v.slice(3 * i, 3 * i + 3));
};

/** A graph x [N, 3] → nodes → y [N, width]. */
function graph(nodes: NodeSpec[], initializers: (TensorSpec & { name: string })[] = [], width = 3): (x: Tensor) => Tensor {
  return loadOnnx(
    writeOnnxModel({ nodes, initializers, inputs: [{ name: "x", dims: ["N", 3] }], outputs: [{ name: "y", dims: ["N", width] }] }),
    "ops.onnx",
  ).forward;
}

const unary = (op: string, attributes?: Record<string, AttributeValue>): ((x: Tensor) => Tensor) =>
  graph([{ op, inputs: ["x"], outputs: ["y"], ...(attributes && { attributes }) }]);

/** Checks values against f and the diagonal Jacobian against df, point by point. */
function expectElementwise(forward: (x: Tensor) => Tensor, f: (v: number) => number, df: (v: number) => number, xs = points()): void {
  expectAllclose(
    forward(tensor(xs)),
    xs.map((row) => row.map(f)),
    { rtol: 1e-13, atol: 1e-15 },
    "value",
  );
  const jac = vmap(jacrev(forward))(tensor(xs));
  const expected = xs.map((row) => row.map((v, i) => row.map((_, j) => (i === j ? df(v) : 0))));
  expectAllclose(jac, expected, { rtol: 1e-12, atol: 1e-14 }, "jacobian");
}

const erf = (x: number): number => {
  // Series with positive terms (|x| ≤ 2 here): erf x = 2/√π e^{−x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)).
  let term = x,
    sum = x;
  for (let n = 1; n < 200; n++) sum += term *= (2 * x * x) / (2 * n + 1);
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
};
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const c = Math.sqrt(2 / Math.PI);

describe("onnx/ops", () => {
  it("registers each handler under its operator's name", () => {
    expect(supportedOnnxOps()).to.deep.equal([
      "Add",
      "Concat",
      "Constant",
      "Div",
      "Elu",
      "Erf",
      "Flatten",
      "Gelu",
      "Gemm",
      "Identity",
      "LeakyRelu",
      "MatMul",
      "Mul",
      "Pow",
      "Relu",
      "Reshape",
      "Sigmoid",
      "Softplus",
      "Sqrt",
      "Sub",
      "Tanh",
    ]);
  });

  describe("activations, with PyTorch's derivative at the kinks", () => {
    it("Relu", () =>
      expectElementwise(
        unary("Relu"),
        (v) => (v > 0 ? v : 0),
        (v) => (v > 0 ? 1 : 0),
      ));
    it("LeakyRelu (alpha 0.01 by default, or given)", () => {
      expectElementwise(
        unary("LeakyRelu"),
        (v) => (v > 0 ? v : 0.01 * v),
        (v) => (v > 0 ? 1 : 0.01),
      );
      expectElementwise(
        unary("LeakyRelu", { alpha: { f: 0.25 } }),
        (v) => (v > 0 ? v : 0.25 * v),
        (v) => (v > 0 ? 1 : 0.25),
      );
    });
    it("Elu (alpha)", () => {
      expectElementwise(
        unary("Elu", { alpha: { f: 0.5 } }),
        (v) => (v > 0 ? v : 0.5 * Math.expm1(v)),
        (v) => (v > 0 ? 1 : 0.5 * Math.exp(v)),
        points(-2, 2, false),
      );
    });
    it("Elu's derivative at 0 is alpha, as PyTorch's", () => {
      expectElementwise(
        unary("Elu", { alpha: { f: 0.5 } }),
        (v) => (v > 0 ? v : 0.5 * Math.expm1(v)),
        (v) => (v > 0 ? 1 : 0.5 * Math.exp(v)),
      );
    });
    it("Gelu, exact and tanh", () => {
      const phi = (v: number): number => Math.exp((-v * v) / 2) / Math.sqrt(2 * Math.PI);
      expectElementwise(
        unary("Gelu"),
        (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)),
        (v) => 0.5 * (1 + erf(v / Math.SQRT2)) + v * phi(v),
      );
      const t = (v: number): number => Math.tanh(c * (v + 0.044715 * v ** 3));
      expectElementwise(
        unary("Gelu", { approximate: { s: "tanh" } }),
        (v) => 0.5 * v * (1 + t(v)),
        (v) => 0.5 * (1 + t(v)) + 0.5 * v * (1 - t(v) ** 2) * c * (1 + 3 * 0.044715 * v * v),
      );
    });
    it("Tanh, Sigmoid, Softplus (log(1 + eˣ), no threshold)", () => {
      expectElementwise(unary("Tanh"), Math.tanh, (v) => 1 - Math.tanh(v) ** 2);
      expectElementwise(unary("Sigmoid"), sigmoid, (v) => sigmoid(v) * (1 - sigmoid(v)));
      const big = points(-30, 30);
      expectElementwise(unary("Softplus"), (v) => Math.log1p(Math.exp(v)), sigmoid, big);
    });
  });

  describe("elementwise arithmetic with broadcasting", () => {
    const row = { name: "r", type: "float" as const, dims: [3], values: [0.5, -2, 4] };
    it("Add, Sub, Mul, Div with a constant row", () => {
      for (const [op, f, df] of [
        ["Add", (v: number, r: number) => v + r, () => 1],
        ["Sub", (v: number, r: number) => v - r, () => 1],
        ["Mul", (v: number, r: number) => v * r, (_: number, r: number) => r],
        ["Div", (v: number, r: number) => v / r, (_: number, r: number) => 1 / r],
      ] as const) {
        const forward = graph([{ op, inputs: ["x", "r"], outputs: ["y"] }], [row]);
        const xs = points();
        expectAllclose(
          forward(tensor(xs)),
          xs.map((p) => p.map((v, i) => f(v, row.values[i]!))),
          { rtol: 1e-15 },
          op,
        );
        const jac = vmap(jacrev(forward))(tensor(xs));
        expectAllclose(
          jac,
          xs.map((p) => p.map((v, i) => p.map((_, j) => (i === j ? df(v, row.values[i]!) : 0)))),
          { rtol: 1e-15 },
          `${op} jacobian`,
        );
      }
    });
    it("Sub with the graph input on the right, Erf, Sqrt", () => {
      expectElementwise(
        graph([{ op: "Sub", inputs: ["r", "x"], outputs: ["y"] }], [{ ...row, values: [1, 1, 1] }]),
        (v) => 1 - v,
        () => -1,
      );
      expectElementwise(unary("Erf"), erf, (v) => (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v));
      expectElementwise(unary("Sqrt"), Math.sqrt, (v) => 0.5 / Math.sqrt(v), points(0.1, 3));
    });
    it("Pow with a scalar exponent (negative bases allowed) and with a row of exponents", () => {
      const cube = graph([{ op: "Pow", inputs: ["x", "three"], outputs: ["y"] }], [{ name: "three", type: "float", dims: [], values: [3] }]);
      expectElementwise(
        cube,
        (v) => v ** 3,
        (v) => 3 * v * v,
      );
      const rowPow = graph([{ op: "Pow", inputs: ["x", "e"], outputs: ["y"] }], [{ name: "e", type: "double", dims: [3], values: [2, 2, 2] }]);
      expectElementwise(
        rowPow,
        (v) => v * v,
        (v) => 2 * v,
      );
    });
  });

  describe("constants and movement", () => {
    it("folds Constant nodes (value_floats, value_ints, value) and what depends on them alone", () => {
      // shape = Concat(value_ints [0], Constant tensor [-1]) = [0, -1]: Reshape copies N and infers 3.
      const forward = graph([
        { op: "Constant", inputs: [], outputs: ["s0"], attributes: { value_ints: { ints: [0] } } },
        { op: "Constant", inputs: [], outputs: ["s1"], attributes: { value: { t: { type: "int64", dims: [1], values: [-1] } } } },
        { op: "Concat", inputs: ["s0", "s1"], outputs: ["shape"], attributes: { axis: { i: 0 } } },
        { op: "Constant", inputs: [], outputs: ["w"], attributes: { value_floats: { floats: [1, 2, 3] } } },
        { op: "Reshape", inputs: ["x", "shape"], outputs: ["flat"] },
        { op: "Mul", inputs: ["flat", "w"], outputs: ["y"] },
      ]);
      expectAllclose(
        forward(
          tensor([
            [1, 1, 1],
            [2, 3, 4],
          ]),
        ),
        [
          [1, 2, 3],
          [2, 6, 12],
        ],
      );
    });

    it("Gemm with transA on constants (folded), Flatten, Identity, Concat along the last axis", () => {
      // Gemm(Aᵀ, B): A = [[1], [2]] (2×1), B = [[1, 0, 0], [0, 1, 0]] (2×3) → [[1, 2, 0]].
      const forward = graph(
        [
          { op: "Gemm", inputs: ["A", "B"], outputs: ["offset"], attributes: { transA: { i: 1 } } },
          { op: "Add", inputs: ["x", "offset"], outputs: ["shifted"] },
          { op: "Flatten", inputs: ["shifted"], outputs: ["flat"], attributes: { axis: { i: -1 } } },
          { op: "Identity", inputs: ["flat"], outputs: ["same"] },
          { op: "Concat", inputs: ["same", "x"], outputs: ["y"], attributes: { axis: { i: -1 } } },
        ],
        [
          { name: "A", type: "float", dims: [2, 1], values: [1, 2] },
          { name: "B", type: "float", dims: [2, 3], values: [1, 0, 0, 0, 1, 0] },
        ],
        6,
      );
      expectAllclose(
        forward(
          tensor([
            [0, 0, 0],
            [1, 2, 3],
          ]),
        ),
        [
          [1, 2, 0, 0, 0, 0],
          [2, 4, 3, 1, 2, 3],
        ],
      );
    });
  });
});
