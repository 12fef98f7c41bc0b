import { expect } from "chai";
import { tensor } from "@nabla/tensor";
import { branin, BRANIN } from "../../src/index.js";
import { checkClosedForm } from "../helpers/closedForm.js";

describe("catalogue: branin", () => {
  const { a, b, c, r, s, t } = BRANIN;

  it("has its known minimum ≈ 0.397887 at (π, 2.275)", () => {
    expect(branin.f(tensor([Math.PI, 2.275])).item()).to.be.closeTo(0.397887, 1e-6);
  });

  it("first and second derivatives equal the closed forms to 1e-12", () => {
    const u = (x: number, y: number): number => y - b * x * x + c * x - r;
    checkClosedForm(branin, {
      value: ([x, y]) => [a * u(x!, y!) ** 2 + s * (1 - t) * Math.cos(x!) + s],
      jacobian: ([x, y]) => [[2 * a * u(x!, y!) * (-2 * b * x! + c) - s * (1 - t) * Math.sin(x!), 2 * a * u(x!, y!)]],
      hessian: ([x, y]) => [
        [
          [2 * a * (-2 * b * x! + c) ** 2 - 4 * a * b * u(x!, y!) - s * (1 - t) * Math.cos(x!), 2 * a * (-2 * b * x! + c)],
          [2 * a * (-2 * b * x! + c), 2 * a],
        ],
      ],
    });
  });
});
