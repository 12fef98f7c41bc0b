/**
 * Deterministic figure data in closed form: Fexample, f(t1, t2) = (t1 + 2 t2,
 * t1², t1 t2²), and a stand-in "network" f̂ = f + δ with a smooth, known δ.
 */
import type { MapData, ProfileData, Samples } from "../../src/index.js";

const nIn = 2;
const nOut = 3;

export function linspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

/** Fexample (and, with `wiggle`, f + δ) at points (t1[p], t2[p]), row-major. */
export function fexample(t1: ArrayLike<number>, t2: ArrayLike<number>, wiggle = 0): Required<Samples> {
  const n = t1.length;
  const value = new Float64Array(n * nOut);
  const jacobian = new Float64Array(n * nOut * nIn);
  const hessian = new Float64Array(n * nOut * nIn * nIn);
  for (let p = 0; p < n; ++p) {
    const a = t1[p]!;
    const b = t2[p]!;
    value.set([a + 2 * b, a * a, a * b * b], p * nOut);
    jacobian.set([1, 2, 2 * a, 0, b * b, 2 * a * b], p * nOut * nIn);
    hessian.set([0, 0, 0, 0, 2, 0, 0, 0, 0, 2 * b, 2 * b, 2 * a], p * nOut * nIn * nIn);
    if (wiggle === 0) continue;
    for (let k = 0; k < nOut; ++k) {
      // δ_k = w sin(t1 + k) cos(t2)
      const s = Math.sin(a + k);
      const c = Math.cos(a + k);
      const cb = Math.cos(b);
      const sb = Math.sin(b);
      value[p * nOut + k]! += wiggle * s * cb;
      const j = (p * nOut + k) * nIn;
      jacobian[j]! += wiggle * c * cb;
      jacobian[j + 1]! += -wiggle * s * sb;
      const h = j * nIn;
      hessian[h]! += -wiggle * s * cb;
      hessian[h + 1]! += -wiggle * c * sb;
      hessian[h + 2]! += -wiggle * c * sb;
      hessian[h + 3]! += -wiggle * s * cb;
    }
  }
  return { value, jacobian, hessian };
}

/** The seed's profile: x1 over [−2, 2], x2 = 1; the network is f + δ (δ of size `wiggle`). */
export function fexampleProfile(n = 41, wiggle = 0.1): ProfileData {
  const x = linspace(-2, 2, n);
  const t2 = new Float64Array(n).fill(1);
  return { nIn, nOut, input: 0, x, fixed: [0, 1], truth: fexample(x, t2), network: fexample(x, t2, wiggle) };
}

/** The seed's map: x1 over [−2, 2] to the right, x2 over [−1, 1] upward, points x fastest. */
export function fexampleMap(nx = 20, ny = 20, wiggle = 0.1): MapData {
  const x = linspace(-2, 2, nx);
  const y = linspace(-1, 1, ny);
  const t1 = new Float64Array(nx * ny);
  const t2 = new Float64Array(nx * ny);
  for (let iy = 0; iy < ny; ++iy) {
    for (let ix = 0; ix < nx; ++ix) {
      t1[iy * nx + ix] = x[ix]!;
      t2[iy * nx + ix] = y[iy]!;
    }
  }
  return { nIn, nOut, inputs: [0, 1], x, y, truth: fexample(t1, t2), network: fexample(t1, t2, wiggle) };
}
