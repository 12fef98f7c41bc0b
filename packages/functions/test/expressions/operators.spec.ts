import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { tensor, type Tensor } from "@nabla/tensor";
import { compileExpressions } from "../../src/index.js";
import { expectAllclose } from "@nabla/testing";
import { fdHessian, fdJacobian } from "../helpers/finiteDifferences.js";
import { randomPoints } from "../helpers/random.js";

interface Case {
  /** What the case exercises. */
  what: string;
  expr: string;
  /** Ranges of x1, x2 for the random points. */
  ranges: [number, number][];
}

const wide: [number, number][] = [
  [-1.5, 1.5],
  [-1.5, 1.5],
];
const positive: [number, number][] = [
  [0.5, 2],
  [0.5, 2],
];

/** Each operator and function of the language, inside an expression of two inputs so that mixed derivatives are non-zero. */
const cases: Case[] = [
  { what: "+", expr: "x1 + x2 + x1*x2", ranges: wide },
  { what: "binary -", expr: "x1 - x2 - x1*x2", ranges: wide },
  { what: "*", expr: "x1 * x2 * x2", ranges: wide },
  { what: "/", expr: "x1 / x2", ranges: positive },
  { what: "^ with a constant exponent", expr: "(x1 * x2)^3", ranges: wide },
  { what: "^ with a negative exponent", expr: "(x1 + x2)^-2", ranges: positive },
  { what: "^ with a fractional exponent", expr: "(x1 * x2)^1.5", ranges: positive },
  { what: "^ with a variable exponent", expr: "x1 ^ x2", ranges: positive },
  { what: "^, right-associative", expr: "x1 ^ x2 ^ 2", ranges: positive },
  { what: "unary -", expr: "-x1 * x2 + -(x2^2)", ranges: wide },
  { what: "unary +", expr: "+x1 * +x2", ranges: wide },
  { what: "parentheses", expr: "(x1 + x2) * (x1 - 2*x2)", ranges: wide },
  { what: "pi", expr: "pi * x1 * x2^2", ranges: wide },
  { what: "e", expr: "e ^ (x1 * x2) + e * x1", ranges: wide },
  { what: "numbers", expr: "1.5e-1 * x1^2 + .5 * x2 * x1 - 2.", ranges: wide },
  { what: "sqrt", expr: "sqrt(x1 * x2 + x1)", ranges: positive },
  { what: "exp", expr: "exp(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "log", expr: "log(x1 * x2 + x1)", ranges: positive },
  { what: "log10", expr: "log10(x1 * x2 + x1)", ranges: positive },
  { what: "log1p", expr: "log1p(x1 * x2 + x1)", ranges: positive },
  { what: "sin", expr: "sin(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "cos", expr: "cos(x1 * x2 + 0.5*x1)", ranges: wide },
  {
    what: "tan",
    expr: "tan(x1 * x2 + 0.5*x1)",
    ranges: [
      [-0.7, 0.7],
      [-0.7, 0.7],
    ],
  },
  { what: "tanh", expr: "tanh(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "sinh", expr: "sinh(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "cosh", expr: "cosh(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "asinh", expr: "asinh(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "atan", expr: "atan(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "erf", expr: "erf(x1 * x2 + 0.5*x1)", ranges: wide },
  { what: "abs of a negative argument", expr: "abs(x1 * x2 - 5) * x1", ranges: positive },
  { what: "abs of a positive argument", expr: "abs(x1 * x2 + 1) * x2", ranges: positive },
  { what: "min of two", expr: "min(x1 * x2, x1^2 - x2)", ranges: wide },
  { what: "max of three (n-ary fold)", expr: "max(x1 * x2, x1^2 - x2, sin(x2))", ranges: wide },
  { what: "min of three (n-ary fold)", expr: "min(x1 * x2, x1^2 - x2, sin(x2))", ranges: wide },
  { what: "max of one", expr: "max(x1 * x2^2)", ranges: wide },
];

describe("expressions: every operator and function, differentiated, against central finite differences (float64)", () => {
  for (const { what, expr, ranges } of cases) {
    it(`${what}: ${expr}`, () => {
      const fn = compileExpressions([expr], { inputs: ["x1", "x2"], ranges });
      const f = fn.f as (x: Tensor) => Tensor;
      const P = randomPoints(fn, 5, 11);
      const X = tensor(P);
      // Truncation O(h²) and rounding O(ε/h) for the first; O(h²) and O(ε/h²) for the second.
      expectAllclose(vmap(jacrev(f))(X), fdJacobian(f, P), { rtol: 1e-7, atol: 1e-8 }, "first derivatives");
      expectAllclose(vmap(hessian(f))(X), fdHessian(f, P), { rtol: 1e-5, atol: 1e-6 }, "second derivatives");
    });
  }
});
