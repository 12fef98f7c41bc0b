import { himmelblau } from "../../src/index.js";
import { checkClosedForm } from "../helpers/closedForm.js";

describe("catalogue: himmelblau", () => {
  it("first and second derivatives equal the closed forms to 1e-12", () => {
    checkClosedForm(himmelblau, {
      value: ([x, y]) => [(x! ** 2 + y! - 11) ** 2 + (x! + y! ** 2 - 7) ** 2],
      jacobian: ([x, y]) => [[4 * x! * (x! ** 2 + y! - 11) + 2 * (x! + y! ** 2 - 7), 2 * (x! ** 2 + y! - 11) + 4 * y! * (x! + y! ** 2 - 7)]],
      hessian: ([x, y]) => [
        [
          [12 * x! ** 2 + 4 * y! - 42, 4 * x! + 4 * y!],
          [4 * x! + 4 * y!, 4 * x! + 12 * y! ** 2 - 26],
        ],
      ],
    });
  });
});
