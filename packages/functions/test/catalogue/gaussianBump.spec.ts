import { gaussianBump, GAUSSIAN_BUMP } from "../../src/index.js";
import { checkClosedForm } from "../helpers/closedForm.js";

describe("catalogue: gaussian-bump", () => {
  it("first and second derivatives equal the closed forms to 1e-12", () => {
    const { mx, my, sx, sy, rho } = GAUSSIAN_BUMP;
    const k = 1 / (1 - rho * rho);
    // f = exp(E), E = −k (u² − 2ρuv + v²) / 2: f' = f E', f'' = f (E' E'ᵀ + E'').
    const parts = (x: number, y: number) => {
      const [u, v] = [(x - mx) / sx, (y - my) / sy];
      const f = Math.exp((-k * (u * u - 2 * rho * u * v + v * v)) / 2);
      const g = [(-k * (u - rho * v)) / sx, (-k * (v - rho * u)) / sy];
      const H = [
        [-k / (sx * sx), (k * rho) / (sx * sy)],
        [(k * rho) / (sx * sy), -k / (sy * sy)],
      ];
      return { f, g, H };
    };
    checkClosedForm(gaussianBump, {
      value: ([x, y]) => [parts(x!, y!).f],
      jacobian: ([x, y]) => {
        const { f, g } = parts(x!, y!);
        return [g.map((gi) => f * gi)];
      },
      hessian: ([x, y]) => {
        const { f, g, H } = parts(x!, y!);
        return [H.map((row, i) => row.map((hij, j) => f * (g[i]! * g[j]! + hij)))];
      },
    });
  });
});
