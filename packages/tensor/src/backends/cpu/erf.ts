// W. J. Cody, "Rational Chebyshev approximations for the error function",
// Math. Comp. 23 (1969): the CALERF coefficients, accurate to about 1e-16.

export const SQRPI = 0.5641895835477563; // 1/sqrt(pi)

/**
 * exp(−(k/16)²) for k = 0 … 424: the exactly representable part of y² in
 * exp(−y²) = exp(−ysq²)·exp(−(y − ysq)(y + ysq)), ysq = trunc(16y)/16, the split
 * CALERF makes to keep exp(−y²)'s precision. A table lookup gives the same
 * bits as the Math.exp call it replaces, for half the exponentials.
 */
export const EXP_NEG_SQUARE_16 = Float64Array.from({ length: 425 }, (_, k) => Math.exp(-(k / 16) * (k / 16)));

/** The largest y at which erfc(y) is not 0 in double precision. */
export const ERFC_CUTOFF = 26.55;

/** exp(−y²) to full precision, for 0 ≤ y < ERFC_CUTOFF. */
export function expNegSquare(y: number): number {
  const k = Math.trunc(y * 16);
  const ysq = k / 16;
  return EXP_NEG_SQUARE_16[k]! * Math.exp(-(y - ysq) * (y + ysq));
}

/**
 * CALERF's three rational approximations, coefficients from the highest
 * degree down; each denominator is monic (its leading 1 left out). The
 * WebAssembly GELU kernel evaluates the same ones, in the same order.
 */
export const CALERF = {
  /** erf(x) = x·num(x²)/den(x²) for |x| ≤ 0.46875. */
  small: {
    num: [0.18577770618460315, 3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694],
    den: [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171],
  },
  /** erfc(y)·exp(y²) = num(y)/den(y) for 0.46875 < y ≤ 4. */
  near: {
    num: [
      2.1531153547440383e-8, 0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707,
      2051.0783778260716, 1230.3393547979972,
    ],
    den: [
      15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216,
      1230.3393548037495,
    ],
  },
  /** erfc(y)·exp(y²) = (1/√π − z·num(z)/den(z))/y, z = 1/y², for y > 4. */
  far: {
    num: [0.016315387137302097, 0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 6.587491615298378e-4],
    den: [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918],
  },
} as const;

// The polynomials written out, each coefficient an element read at a fixed
// index: erf is the inner loop of exact GELU, and loops over the arrays ran it
// a third slower.
const [N0, N1, N2, N3, N4, N5, N6, N7, N8] = CALERF.near.num;
const [D0, D1, D2, D3, D4, D5, D6, D7] = CALERF.near.den;
const [F0, F1, F2, F3, F4, F5] = CALERF.far.num;
const [G0, G1, G2, G3, G4] = CALERF.far.den;
const [S0, S1, S2, S3, S4] = CALERF.small.num;
const [T0, T1, T2, T3] = CALERF.small.den;

/** erfc(y)·exp(y²) for 0.46875 < y < ERFC_CUTOFF: the rational part of CALERF. */
export function erfcScaled(y: number): number {
  if (y <= 4) {
    const num = (((((((N0 * y + N1) * y + N2) * y + N3) * y + N4) * y + N5) * y + N6) * y + N7) * y + N8;
    const den = (((((((y + D0) * y + D1) * y + D2) * y + D3) * y + D4) * y + D5) * y + D6) * y + D7;
    return num / den;
  }
  const z = 1 / (y * y);
  const num = (((((F0 * z + F1) * z + F2) * z + F3) * z + F4) * z + F5) * z;
  const den = ((((z + G0) * z + G1) * z + G2) * z + G3) * z + G4;
  return (SQRPI - num / den) / y;
}

/** erf(x) for |x| ≤ 0.46875, where it needs no exponential. */
export function erfSmall(x: number): number {
  const y = Math.abs(x);
  const z = y > 1.11e-16 ? y * y : 0;
  const num = (((S0 * z + S1) * z + S2) * z + S3) * z + S4;
  const den = (((z + T0) * z + T1) * z + T2) * z + T3;
  return (x * num) / den;
}

/** erfc(y) for 0.46875 < y, with exp(−y²) split to keep its precision (as CALERF). */
function erfcPositive(y: number): number {
  return y >= ERFC_CUTOFF ? 0 : expNegSquare(y) * erfcScaled(y);
}

/** The error function in double precision. */
export function erf(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (Number.isNaN(x)) return NaN;
  const r = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -r : r;
}
