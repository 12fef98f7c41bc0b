import { expect } from "chai";
import { pdrToy, PDR_TOY_LINES } from "../../src/index.js";
import { checkClosedForm } from "../helpers/closedForm.js";

describe("catalogue: pdr-toy", () => {
  it("has the physical inputs of the fixture network, positive log-scaled ranges and units", () => {
    expect(pdrToy.inputs).to.deep.equal(["P", "radm", "Avmax", "angle"]);
    expect(pdrToy.outputs).to.have.length(5);
    expect(pdrToy.ranges).to.deep.equal([
      [1e5, 1e9],
      [1, 1e5],
      [1, 40],
      [0, 60],
    ]);
    expect(pdrToy.scales).to.deep.equal(["log", "log", "log", "linear"]);
    expect(pdrToy.units).to.have.length(4);
  });

  it("first and second derivatives equal the closed forms to 1e-12", () => {
    const LN10 = Math.LN10;
    const DEG = Math.PI / 180;
    checkClosedForm(pdrToy, {
      value: ([P, radm, Av, angle]) =>
        PDR_TOY_LINES.map(({ c, b, r, s, A, w }) => {
          const [p, g] = [Math.log10(P!), Math.log10(radm!)];
          return c + b * p + r * g + s * p * g + Math.log10(-Math.expm1(-Av! / A)) - w * Math.log10(Math.cos(angle! * DEG));
        }),
      jacobian: ([P, radm, Av, angle]) =>
        PDR_TOY_LINES.map(({ b, r, s, A, w }) => {
          const [p, g, u] = [Math.log10(P!), Math.log10(radm!), Math.exp(-Av! / A)];
          return [(b + s * g) / (P! * LN10), (r + s * p) / (radm! * LN10), u / (A * (1 - u) * LN10), (w * Math.tan(angle! * DEG) * DEG) / LN10];
        }),
      hessian: ([P, radm, Av, angle]) =>
        PDR_TOY_LINES.map(({ b, r, s, A, w }) => {
          const [p, g, u] = [Math.log10(P!), Math.log10(radm!), Math.exp(-Av! / A)];
          const cross = s / (P! * radm! * LN10 * LN10);
          return [
            [-(b + s * g) / (P! ** 2 * LN10), cross, 0, 0],
            [cross, -(r + s * p) / (radm! ** 2 * LN10), 0, 0],
            [0, 0, -u / (A * A * (1 - u) ** 2 * LN10), 0],
            [0, 0, 0, (w * DEG * DEG) / (Math.cos(angle! * DEG) ** 2 * LN10)],
          ];
        }),
    });
  });
});
