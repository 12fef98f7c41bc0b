import { rosenbrock } from "../../src/index.js";
import { checkClosedForm } from "../helpers/closedForm.js";

describe("catalogue: rosenbrock", () => {
  it("first and second derivatives equal the closed forms to 1e-12", () => {
    const [a, b] = [1, 100];
    checkClosedForm(rosenbrock, {
      value: ([x, y]) => [(a - x!) ** 2 + b * (y! - x! ** 2) ** 2],
      jacobian: ([x, y]) => [[-2 * (a - x!) - 4 * b * x! * (y! - x! ** 2), 2 * b * (y! - x! ** 2)]],
      hessian: ([x, y]) => [
        [
          [2 - 4 * b * y! + 12 * b * x! ** 2, -4 * b * x!],
          [-4 * b * x!, 2 * b],
        ],
      ],
    });
  });
});
