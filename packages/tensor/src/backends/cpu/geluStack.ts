import type { HostArray } from "../../backend.js";
import { geluPolynomial } from "../../geluPolynomial.js";
import { erfcScaled, erfSmall, ERFC_CUTOFF, expNegSquare } from "./erf.js";
import { sharedWasmStreams, STREAM_MIN_VALUES } from "./wasm/streams.js";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * GELU⁽ᵏ⁾(v) for k = order … order + count − 1 into out[(k − order)·n + i], one
 * point at a time from one exponential e = exp(−v²/2) (erf's exp(−y²) at
 * y = |v|/√2 is the same number) and one erfc: GELU = vΦ, GELU′ = Φ + vφ,
 * GELU⁽ᵏ⁾ = φ·P_k for k ≥ 2 (which need no erfc). Φ is taken from erfc on
 * the negative side, so that nothing cancels in the left tail.
 */
export function geluStack(x: HostArray, order: number, count: number, out: HostArray): void {
  // Large stacks in WebAssembly SIMD, the same operations two values at a time (but for the exponential: within 2 ulp).
  const wasm = x.length >= STREAM_MIN_VALUES ? sharedWasmStreams() : null;
  if (!wasm?.geluStack(x, order, count, out)) geluStackJs(x, order, count, out);
}

/** `geluStack` in JavaScript, one value at a time. */
export function geluStackJs(x: HostArray, order: number, count: number, out: HostArray): void {
  const n = x.length;
  const polynomials = Array.from({ length: count }, (_, j) => (order + j >= 2 ? geluPolynomial(order + j) : []));
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const s = v * Math.SQRT1_2;
    const y = Math.abs(s);
    let phi: number,
      cdf = 0;
    if (order >= 2) {
      // The same exponential as below, so that each order has one value whatever the stack it is in.
      phi = INV_SQRT_2PI * (y <= 0.46875 ? Math.exp(-0.5 * v * v) : y < ERFC_CUTOFF ? expNegSquare(y) : 0);
    } else if (y <= 0.46875) {
      phi = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
      cdf = 0.5 * (1 + erfSmall(s));
    } else if (y < ERFC_CUTOFF) {
      const e = expNegSquare(y);
      const erfc = e * erfcScaled(y);
      phi = INV_SQRT_2PI * e;
      cdf = v < 0 ? 0.5 * erfc : 1 - 0.5 * erfc;
    } else {
      phi = 0;
      cdf = Number.isNaN(v) ? NaN : v < 0 ? 0 : 1;
    }
    for (let j = 0; j < count; j++) {
      const k = order + j;
      let value: number;
      if (k === 0) value = v * cdf;
      // φ = 0 only past the cutoff, where v·φ would be ±∞·0.
      else if (k === 1) value = phi === 0 ? cdf : cdf + v * phi;
      else {
        const p = polynomials[j]!;
        let acc = 0;
        for (let d = p.length - 1; d >= 0; d--) acc = acc * v + p[d]!;
        value = phi * acc;
      }
      out[j * n + i] = value;
    }
  }
}
