import { add, mul, square } from "@nabla/tensor";
import { defineFunction } from "../defineFunction.js";

/**
 * Fexample, the function the seed notebook's network was trained on:
 * f(t1, t2) = (t1 + 2 t2, t1², t1 t2²), over t1 ∈ [-2, 2], t2 ∈ [-1, 1].
 * Its LaTeX is the seed's, letter for letter; its inputs are named x1, x2.
 */
export const fexample = defineFunction({
  id: "fexample",
  title: "Fexample (the seed's function)",
  latex: String.raw`\left(\begin{array}{c} t_1\\ t_2 \end{array}\right) \longmapsto \left(\begin{array}{c} t_1+2t_2\\ t_1^2\\ t_1t_2^2 \end{array}\right)`,
  inputs: ["x1", "x2"],
  outputs: ["f1", "f2", "f3"],
  ranges: [
    [-2, 2],
    [-1, 1],
  ],
  defaults: [1, 1],
  formula: ([t1, t2]) => [add(t1!, mul(t2!, 2)), square(t1!), mul(t1!, square(t2!))],
});
