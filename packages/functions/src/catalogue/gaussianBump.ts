import { add, div, exp, mul, neg, square, sub } from "@nabla/tensor";
import { defineFunction } from "../defineFunction.js";

/** The bump's centre, widths and correlation. */
export const GAUSSIAN_BUMP = { mx: 0.5, my: -0.5, sx: 1, sy: 0.5, rho: 0.5 } as const;

/**
 * A correlated Gaussian bump of height 1,
 * f(x, y) = exp(−(u² − 2ρ u v + v²) / (2 (1 − ρ²))), u = (x − μx)/σx, v = (y − μy)/σy,
 * with μ = (0.5, −0.5), σ = (1, 0.5), ρ = 0.5: every second derivative is non-zero.
 */
export const gaussianBump = defineFunction({
  id: "gaussian-bump",
  title: "Gaussian bump",
  latex: String.raw`\left(\begin{array}{c} x\\ y \end{array}\right) \longmapsto \exp\left(-\frac{u^2 - 2\rho u v + v^2}{2(1-\rho^2)}\right),\ u = x-0.5,\ v = 2\,(y+0.5),\ \rho = 0.5`,
  inputs: ["x", "y"],
  outputs: ["f"],
  ranges: [
    [-3, 4],
    [-2.5, 1.5],
  ],
  defaults: [0.5, -0.5],
  formula: ([x, y]) => {
    const { mx, my, sx, sy, rho } = GAUSSIAN_BUMP;
    const u = div(sub(x!, mx), sx);
    const v = div(sub(y!, my), sy);
    const q = add(sub(square(u), mul(mul(u, v), 2 * rho)), square(v));
    return [exp(neg(div(q, 2 * (1 - rho * rho))))];
  },
});
