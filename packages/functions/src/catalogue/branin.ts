import { add, cos, mul, square, sub } from "@nabla/tensor";
import { defineFunction } from "../defineFunction.js";

/** Branin's constants, as in its usual (Branin–Hoo) form. */
export const BRANIN = { a: 1, b: 5.1 / (4 * Math.PI ** 2), c: 5 / Math.PI, r: 6, s: 10, t: 1 / (8 * Math.PI) } as const;

/**
 * The Branin(–Hoo) function, f(x, y) = a (y − b x² + c x − r)² + s (1 − t) cos x + s,
 * three global minima of value ≈ 0.397887 (one at (π, 2.275)).
 */
export const branin = defineFunction({
  id: "branin",
  title: "Branin",
  latex: String.raw`\left(\begin{array}{c} x\\ y \end{array}\right) \longmapsto \left(y - \frac{5.1}{4\pi^2}x^2 + \frac{5}{\pi}x - 6\right)^2 + 10\left(1 - \frac{1}{8\pi}\right)\cos x + 10`,
  inputs: ["x", "y"],
  outputs: ["f"],
  ranges: [
    [-5, 10],
    [0, 15],
  ],
  defaults: [Math.PI, 2.275],
  formula: ([x, y]) => {
    const { a, b, c, r, s, t } = BRANIN;
    const u = sub(add(sub(y!, mul(square(x!), b)), mul(x!, c)), r);
    return [add(add(mul(square(u), a), mul(cos(x!), s * (1 - t))), s)];
  },
});
