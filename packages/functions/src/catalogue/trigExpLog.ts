import { add, exp, log, mul, neg, sin } from "@nabla/tensor";
import { defineFunction } from "../defineFunction.js";

/**
 * Three inputs, two outputs, with sin, exp and log:
 * f(x, y, z) = (sin(x) eʸ + log z, e^(−y z) + x log z), z > 0.
 */
export const trigExpLog = defineFunction({
  id: "trig-exp-log",
  title: "sin, exp and log (3 inputs, 2 outputs)",
  latex: String.raw`\left(\begin{array}{c} x\\ y\\ z \end{array}\right) \longmapsto \left(\begin{array}{c} \sin(x)\,e^{y} + \ln z\\ e^{-yz} + x\ln z \end{array}\right)`,
  inputs: ["x", "y", "z"],
  outputs: ["f1", "f2"],
  ranges: [
    [-Math.PI, Math.PI],
    [-1, 1],
    [0.1, 3],
  ],
  defaults: [0.5, 0.2, 1],
  formula: ([x, y, z]) => [add(mul(sin(x!), exp(y!)), log(z!)), add(exp(neg(mul(y!, z!))), mul(x!, log(z!)))],
});
