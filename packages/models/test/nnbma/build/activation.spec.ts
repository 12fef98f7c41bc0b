import { expect } from "chai";
import { tensor, type Tensor } from "@nabla/tensor";
import { grad, hessian, jacrev, vmap } from "@nabla/autodiff";
import { expectAllclose } from "@nabla/testing";
import { type Activation, activationFunction } from "../../../src/index.js";
import { activate } from "../../helpers/plainForward.js";

const ACTIVATIONS: Activation[] = [
  { kind: "activation", type: "ReLU" },
  { kind: "activation", type: "LeakyReLU", negativeSlope: 0.1 },
  { kind: "activation", type: "ELU", alpha: 0.5 },
  { kind: "activation", type: "GELU", approximate: "none" },
  { kind: "activation", type: "GELU", approximate: "tanh" },
  { kind: "activation", type: "Tanh" },
  { kind: "activation", type: "Sigmoid" },
  { kind: "activation", type: "SiLU" },
  { kind: "activation", type: "Softplus", beta: 2, threshold: 5 },
  { kind: "activation", type: "Softsign" },
  { kind: "activation", type: "Identity" },
];

const POINTS = [-30, -3, -1.25, -0.5, -1e-3, 0, 1e-3, 0.5, 1.25, 2.4, 2.6, 3, 30];

/** Central difference of the plain (PyTorch-formula) activation. */
const slope = (a: Activation, v: number, h = 1e-6): number => (activate(a, v + h) - activate(a, v - h)) / (2 * h);

const describe_ = (a: Activation): string => JSON.stringify(a).replace(/"kind":"activation",/, "");

describe("nnbma/build/activation", () => {
  for (const a of ACTIVATIONS) {
    it(`${describe_(a)}: PyTorch's values, and derivatives away from kinks`, () => {
      const f = activationFunction(a);
      const x = tensor(POINTS);
      // The plain erf is a series good to ~1e-14 where GELU's tail is small, and its 1 + erf cancels to 0
      // at −30, where exact GELU keeps x·Φ(x) ≈ −1.5e−196 from erfc: an absolute 1e−15 there.
      expectAllclose(
        f(x),
        POINTS.map((v) => activate(a, v)),
        a.type === "GELU" ? { rtol: 1e-12, atol: a.approximate === "none" ? 1e-15 : 1e-300 } : { rtol: 1e-14, atol: 1e-300 },
      );
      const d = vmap(grad(f as (x: Tensor) => Tensor))(x).data();
      POINTS.forEach((v, i) => {
        if (v === 0 || (a.type === "Softplus" && v === 2.5)) return;
        expect(d[i]).to.be.closeTo(slope(a, v), 1e-7, `at ${v}`);
      });
      expect(vmap(hessian(f as (x: Tensor) => Tensor))(x).shape).to.deep.equal([POINTS.length]);
    });
  }

  it("one-sided derivatives at the kinks, as autograd takes them", () => {
    const at0 = (a: Activation): number => grad(activationFunction(a) as (x: Tensor) => Tensor)(tensor(0)).item();
    expect(at0({ kind: "activation", type: "ReLU" })).to.equal(0);
    expect(at0({ kind: "activation", type: "LeakyReLU", negativeSlope: 0.1 })).to.equal(0.1);
    expect(at0({ kind: "activation", type: "ELU", alpha: 0.5 })).to.equal(0.5);
    const second = jacrev(jacrev(activationFunction({ kind: "activation", type: "ELU", alpha: 0.5 }) as (x: Tensor) => Tensor))(tensor(0)).item();
    expect(second).to.equal(0.5);
    // Softplus(beta 2, threshold 5) is linear only where 2x > 5: at x = 2.5 it is still the smooth branch.
    const softplus = activationFunction({ kind: "activation", type: "Softplus", beta: 2, threshold: 5 }) as (x: Tensor) => Tensor;
    expect(grad(softplus)(tensor(2.5)).item()).to.be.closeTo(1 / (1 + Math.exp(-5)), 1e-15);
    expect(grad(softplus)(tensor(2.6)).item()).to.equal(1);
  });
});
