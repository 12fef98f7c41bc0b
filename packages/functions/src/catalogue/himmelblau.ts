import { add, square, sub } from "@nabla/tensor";
import { defineFunction } from "../defineFunction.js";

/** Himmelblau's function, f(x, y) = (x² + y − 11)² + (x + y² − 7)², four minima of value 0 (one at (3, 2)). */
export const himmelblau = defineFunction({
  id: "himmelblau",
  title: "Himmelblau",
  latex: String.raw`\left(\begin{array}{c} x\\ y \end{array}\right) \longmapsto (x^2+y-11)^2 + (x+y^2-7)^2`,
  inputs: ["x", "y"],
  outputs: ["f"],
  ranges: [
    [-5, 5],
    [-5, 5],
  ],
  defaults: [0, 0],
  formula: ([x, y]) => [add(square(sub(add(square(x!), y!), 11)), square(sub(add(x!, square(y!)), 7)))],
});
