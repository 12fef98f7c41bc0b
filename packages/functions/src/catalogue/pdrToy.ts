import { add, cos, div, exp, log10, log1p, mul, neg, sub, type Tensor } from "@nabla/tensor";
import { defineFunction } from "../defineFunction.js";

/**
 * Per-line coefficients of the toy: log10 I = c + b·log10 P + r·log10 radm
 * + s·log10 P·log10 radm + log10(1 − exp(−Avmax/A)) − w·log10 cos(angle).
 * Made-up numbers of plausible size, not physics.
 */
export const PDR_TOY_LINES = [
  { name: "co_v0_j1__v0_j0", c: -6, b: 0.45, r: 0.25, s: 0.02, A: 2, w: 0.8 },
  { name: "co_v0_j2__v0_j1", c: -5.5, b: 0.55, r: 0.3, s: 0.03, A: 3, w: 0.7 },
  { name: "hcop_j1__j0", c: -8, b: 0.7, r: 0.15, s: -0.02, A: 5, w: 0.9 },
  { name: "cs_j2__j1", c: -8.5, b: 0.8, r: 0.1, s: 0.01, A: 8, w: 1 },
  { name: "c_el3p_j1__el3p_j0", c: -6.5, b: 0.35, r: 0.5, s: -0.04, A: 1.5, w: 0.6 },
] as const;

const DEGREE = Math.PI / 180;

/**
 * A PDR-like toy with the inputs of a Meudon PDR code emulator: thermal
 * pressure P (K cm⁻³), radiation field scaling radm, visual extinction Avmax
 * (mag), inclination angle (degrees). Each output is the log10 intensity of a
 * line named like the fixture network's outputs: power laws in log space with
 * a P·radm cross term, saturation in Avmax, and limb brightening 1/cos(angle)^w.
 * Sample P, radm and Avmax on log scales.
 */
export const pdrToy = defineFunction({
  id: "pdr-toy",
  title: "PDR-like toy (log10 line intensities)",
  latex: String.raw`\left(\begin{array}{c} P\\ \mathrm{radm}\\ A_V^{\max}\\ \theta \end{array}\right) \longmapsto \left(c_k + b_k\log_{10}P + r_k\log_{10}\mathrm{radm} + s_k\log_{10}P\,\log_{10}\mathrm{radm} + \log_{10}\left(1-e^{-A_V^{\max}/A_k}\right) - w_k\log_{10}\cos\theta\right)_{k=1\ldots5}`,
  inputs: ["P", "radm", "Avmax", "angle"],
  outputs: PDR_TOY_LINES.map((l) => l.name),
  ranges: [
    [1e5, 1e9],
    [1, 1e5],
    [1, 40],
    [0, 60],
  ],
  defaults: [1e6, 1e2, 10, 0],
  scales: ["log", "log", "log", "linear"],
  units: ["K cm^-3", "", "mag", "deg"],
  formula: ([P, radm, Avmax, angle]) => {
    const p = log10(P!);
    const g = log10(radm!);
    const pg = mul(p, g);
    const limb = log10(cos(mul(angle!, DEGREE)));
    // log10(1 − e^(−a)) as log1p(−e^(−a)) / ln 10: accurate for large a, and so are its
    // derivatives (those of expm1 go through expm1(−a) + 1, which cancels for large a).
    const saturation = (A: number): Tensor => div(log1p(neg(exp(neg(div(Avmax!, A))))), Math.LN10);
    return PDR_TOY_LINES.map(({ c, b, r, s, A, w }) => sub(add(add(add(add(mul(p, b), mul(g, r)), mul(pg, s)), saturation(A)), c), mul(limb, w)));
  },
});
