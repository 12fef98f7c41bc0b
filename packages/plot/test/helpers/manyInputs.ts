/**
 * A function of n inputs with closed-form derivatives, for figures with many
 * panels: f_k(x) = Σ_i w_ki sin(x_i) + ½ Σ_ij C_kij x_i x_j, with
 * w_ki = k + (i + 1)/n and C_kij = ((i + j + k) mod 3) − 1 (symmetric).
 */
import type { MapData, ProfileData, Samples } from "../../src/index.js";
import { linspace } from "./fexample.js";

function evaluate(points: Float64Array[], nIn: number, nOut: number): Required<Samples> {
  const n = points.length;
  const value = new Float64Array(n * nOut);
  const jacobian = new Float64Array(n * nOut * nIn);
  const hessian = new Float64Array(n * nOut * nIn * nIn);
  points.forEach((x, p) => {
    for (let k = 0; k < nOut; ++k) {
      let f = 0;
      for (let i = 0; i < nIn; ++i) {
        const w = k + (i + 1) / nIn;
        f += w * Math.sin(x[i]!);
        let g = w * Math.cos(x[i]!);
        for (let j = 0; j < nIn; ++j) {
          const c = ((i + j + k) % 3) - 1;
          f += 0.5 * c * x[i]! * x[j]!;
          g += c * x[j]!;
          hessian[((p * nOut + k) * nIn + i) * nIn + j] = c - (i === j ? w * Math.sin(x[i]!) : 0);
        }
        jacobian[(p * nOut + k) * nIn + i] = g;
      }
      value[p * nOut + k] = f;
    }
  });
  return { value, jacobian, hessian };
}

/** A profile along x1 over [−1, 1], the other inputs at 0.5; truth only. */
export function manyInputsProfile(nIn: number, nOut = 2, n = 31): ProfileData {
  const x = linspace(-1, 1, n);
  const fixed = new Float64Array(nIn).fill(0.5);
  const points = Array.from(x, (v) => Float64Array.from(fixed, (f, i) => (i === 0 ? v : f)));
  return { nIn, nOut, input: 0, x, fixed, truth: evaluate(points, nIn, nOut) };
}

/** A map over (x1, x2) ∈ [−1, 1]², the other inputs at 0.5; truth only. */
export function manyInputsMap(nIn: number, nOut = 2, nx = 12, ny = 12): MapData {
  const x = linspace(-1, 1, nx);
  const y = linspace(-1, 1, ny);
  const fixed = new Float64Array(nIn).fill(0.5);
  const points: Float64Array[] = [];
  for (let iy = 0; iy < ny; ++iy) {
    for (let ix = 0; ix < nx; ++ix) {
      points.push(Float64Array.from(fixed, (f, i) => (i === 0 ? x[ix]! : i === 1 ? y[iy]! : f)));
    }
  }
  return { nIn, nOut, inputs: [0, 1], x, y, fixed, truth: evaluate(points, nIn, nOut) };
}
