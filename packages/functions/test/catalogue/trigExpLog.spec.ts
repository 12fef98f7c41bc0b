import { trigExpLog } from "../../src/index.js";
import { checkClosedForm } from "../helpers/closedForm.js";

describe("catalogue: trig-exp-log", () => {
  it("first and second derivatives equal the closed forms to 1e-12", () => {
    const { sin, cos, exp, log } = Math;
    checkClosedForm(trigExpLog, {
      value: ([x, y, z]) => [sin(x!) * exp(y!) + log(z!), exp(-y! * z!) + x! * log(z!)],
      jacobian: ([x, y, z]) => [
        [cos(x!) * exp(y!), sin(x!) * exp(y!), 1 / z!],
        [log(z!), -z! * exp(-y! * z!), -y! * exp(-y! * z!) + x! / z!],
      ],
      hessian: ([x, y, z]) => {
        const e = exp(-y! * z!);
        return [
          [
            [-sin(x!) * exp(y!), cos(x!) * exp(y!), 0],
            [cos(x!) * exp(y!), sin(x!) * exp(y!), 0],
            [0, 0, -1 / z! ** 2],
          ],
          [
            [0, 0, 1 / z!],
            [0, z! ** 2 * e, (y! * z! - 1) * e],
            [1 / z!, (y! * z! - 1) * e, y! ** 2 * e - x! / z! ** 2],
          ],
        ];
      },
    });
  });
});
