import { add, mul, square, sub } from "@nabla/tensor";
import { defineFunction } from "../defineFunction.js";

/** Rosenbrock's banana valley, f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1). */
export const rosenbrock = defineFunction({
  id: "rosenbrock",
  title: "Rosenbrock",
  latex: String.raw`\left(\begin{array}{c} x\\ y \end{array}\right) \longmapsto (1-x)^2 + 100\,(y-x^2)^2`,
  inputs: ["x", "y"],
  outputs: ["f"],
  ranges: [
    [-2, 2],
    [-1, 3],
  ],
  defaults: [-1, 1],
  formula: ([x, y]) => [add(square(sub(1, x!)), mul(square(sub(y!, square(x!))), 100))],
});
