// W. J. Cody, "Rational Chebyshev approximations for the error function",
// Math. Comp. 23 (1969): the CALERF coefficients, accurate to about 1e-16.
// The polynomials are written out in Horner form with literal coefficients:
// erf is the inner loop of exact GELU, and this is several times faster than
// looping over coefficient arrays.

const SQRPI = 0.5641895835477563; // 1/sqrt(pi)

/**
 * exp(−(k/16)²) for k = 0 … 424: the exactly representable part of y² in
 * exp(−y²) = exp(−ysq²)·exp(−(y − ysq)(y + ysq)), ysq = trunc(16y)/16, the split
 * CALERF makes to keep exp(−y²)'s precision. A table lookup gives the same
 * bits as the Math.exp call it replaces, for half the exponentials.
 */
const EXP_NEG_SQUARE_16 = Float64Array.from({ length: 425 }, (_, k) => Math.exp(-(k / 16) * (k / 16)));

/** The largest y at which erfc(y) is not 0 in double precision. */
export const ERFC_CUTOFF = 26.55;

/** exp(−y²) to full precision, for 0 ≤ y < ERFC_CUTOFF. */
export function expNegSquare(y: number): number {
  const k = Math.trunc(y * 16);
  const ysq = k / 16;
  return EXP_NEG_SQUARE_16[k]! * Math.exp(-(y - ysq) * (y + ysq));
}

/** erfc(y)·exp(y²) for 0.46875 < y < ERFC_CUTOFF: the rational part of CALERF. */
export function erfcScaled(y: number): number {
  if (y <= 4) {
    const num =
      (((((((2.1531153547440383e-8 * y + 0.5641884969886701) * y + 8.883149794388377) * y + 66.11919063714163) * y + 298.6351381974001) * y +
        881.952221241769) *
        y +
        1712.0476126340707) *
        y +
        2051.0783778260716) *
        y +
      1230.3393547979972;
    const den =
      (((((((y + 15.744926110709835) * y + 117.6939508913125) * y + 537.1811018620099) * y + 1621.3895745666903) * y + 3290.7992357334597) * y +
        4362.619090143247) *
        y +
        3439.3676741437216) *
        y +
      1230.3393548037495;
    return num / den;
  }
  const z = 1 / (y * y);
  const num =
    (((((0.016315387137302097 * z + 0.30532663496123236) * z + 0.36034489994980445) * z + 0.12578172611122926) * z + 0.016083785148742275) * z +
      6.587491615298378e-4) *
    z;
  const den = ((((z + 2.568520192289822) * z + 1.8729528499234604) * z + 0.5279051029514285) * z + 0.06051834131244132) * z + 0.0023352049762686918;
  return (SQRPI - num / den) / y;
}

/** erf(x) for |x| ≤ 0.46875, where it needs no exponential. */
export function erfSmall(x: number): number {
  const y = Math.abs(x);
  const z = y > 1.11e-16 ? y * y : 0;
  const num = (((0.18577770618460315 * z + 3.1611237438705655) * z + 113.86415415105016) * z + 377.485237685302) * z + 3209.3775891384694;
  const den = (((z + 23.601290952344122) * z + 244.02463793444417) * z + 1282.6165260773723) * z + 2844.236833439171;
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
