/**
 * Exact GELU and its derivatives in WebAssembly SIMD: functions of the
 * streaming module, GELU_VECTORS pairs of values at a time.
 *
 *   gelu_<order>_<count>(x, out, n, plane)
 *       GELU⁽ᵏ⁾(x[i]) for k = order … order + count − 1 at out + (k − order)·plane,
 *       i < n (reading and writing up to 2·GELU_VECTORS − 1 values past n).
 *
 * The lanes follow `geluStack.ts` operation for operation — CALERF's three
 * rational approximations, Φ from erfc on the negative side, GELU⁽ᵏ⁾ = φ·P_k
 * for k ≥ 2 — each branch that any lane of an iteration needs computed for
 * all, and each lane's own selected; but for the exponential: Math.exp is not
 * an instruction, so `exp` below computes it, within 2 ulp of it. exp(−y²) is
 * split as there, y² = a² + (y − a)(y + a) with a = ⌊16y⌋/16 (a² exact), but
 * where JavaScript multiplies a table's exp(−a²) by exp(−(y − a)(y + a)), the
 * module adds −a² into the exponential's argument reduction, exactly: one
 * exponential, no table to gather from (four lane moves a vector).
 */
import { geluPolynomial } from "../../../geluPolynomial.js";
import { CALERF, ERFC_CUTOFF, SQRPI } from "../erf.js";
import { Code, type Local } from "./code.js";
import { ValType, type FunctionDef } from "./encoder.js";

const V128 = 16;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** The largest order the module has a function for; higher ones run in JavaScript. */
export const GELU_MAX_ORDER = 3;

/**
 * Vectors (pairs of values) each iteration computes. One vector's work is a
 * chain — an exponential, a rational function, a division, each waiting on
 * the last — that leaves the core idle between its operations; two chains
 * interleaved, phase by phase, took 0.85–0.89 of one's time (three: no better).
 */
export const GELU_VECTORS = 2;

export const geluName = (order: number, count: number): string => `gelu_${order}_${count}`;

/** Every (order, count) the module has: the orders order … order + count − 1 up to GELU_MAX_ORDER. */
export function geluVariants(): [number, number][] {
  const variants: [number, number][] = [];
  for (let order = 0; order <= GELU_MAX_ORDER; order++)
    for (let count = 1; order + count - 1 <= GELU_MAX_ORDER; count++) variants.push([order, count]);
  return variants;
}

// exp(x) = 2ᵏ·e^r, k = round(x/ln 2), |r| ≤ ln 2 / 2, e^r by its Taylor series to r¹³ (truncation below 1e-17).
const LN2_HI = 6.9314718036912381649e-1; // fdlibm's split of ln 2: k·LN2_HI is exact for |k| < 2¹¹
const LN2_LO = 1.90821492927058770002e-10;
/** 1/n! for n = 0 … 13. */
const TAYLOR = Array.from({ length: 14 }, (_, n) => 1 / Array.from({ length: n }, (_, i) => i + 1).reduce((a, b) => a * b, 1));
/** 2⁵² + 1023: added to an integer k (|k| < 2⁵¹), it leaves k + 1023 in the low bits of the mantissa. */
const EXPONENT_MAGIC = 2 ** 52 + 1023;

/** Pushes c₀xⁿ + … + cₙ (Horner's rule, from `acc = c₀`), or the monic xⁿ + c₀xⁿ⁻¹ + … when `monic`. */
function horner(f: Code, c: readonly number[], x: Local, monic = false): void {
  if (monic) f.get(x).f64x2Const(c[0]!).f64x2Add();
  else f.f64x2Const(c[0]!);
  for (let i = 1; i < c.length; i++) f.get(x).f64x2Mul().f64x2Const(c[i]!).f64x2Add();
}

/**
 * Pushes c₀ + c₁r + … (lowest degree first) by Estrin's scheme: halves
 * combined with r², r⁴, r⁸ (`powers`), so that the chain of dependent
 * operations is a few deep rather than one per coefficient.
 */
function estrin(f: Code, c: readonly number[], powers: readonly Local[]): void {
  if (c.length === 1) {
    f.f64x2Const(c[0]!);
    return;
  }
  const level = Math.ceil(Math.log2(c.length)) - 1;
  const half = 2 ** level;
  estrin(f, c.slice(0, half), powers);
  estrin(f, c.slice(half), powers);
  f.get(powers[level]!).f64x2Mul().f64x2Add();
}

/**
 * exp(hi + x) of the lanes into `out`, for hi + x in [−708, 700] (k within the
 * exponent's range): hi − k·ln 2's high part is exact where hi is a multiple
 * of 2⁻⁸ below 2¹⁰ (−a² above), so the reduced argument rounds once, as if
 * hi + x were one number. `k` and `powers` (four) are scratch.
 */
function exp(f: Code, hi: Local, x: Local, out: Local, k: Local, powers: readonly Local[]): void {
  const [r, r2, r4, r8] = powers as [Local, Local, Local, Local];
  f.get(hi).get(x).f64x2Add().f64x2Const(Math.LOG2E).f64x2Mul().f64x2Nearest().set(k);
  f.get(hi).get(k).f64x2Const(LN2_HI).f64x2Mul().f64x2Sub().get(x).f64x2Add().get(k).f64x2Const(LN2_LO).f64x2Mul().f64x2Sub().set(r);
  f.get(r).get(r).f64x2Mul().set(r2);
  f.get(r2).get(r2).f64x2Mul().set(r4);
  f.get(r4).get(r4).f64x2Mul().set(r8);
  estrin(f, TAYLOR, powers);
  // 2ᵏ: k + 1023 shifted into the exponent field.
  f.get(k).f64x2Const(EXPONENT_MAGIC).f64x2Add().i32Const(52).i64x2Shl();
  f.f64x2Mul().set(out);
}

/** One vector's locals: its values, the masks of erf's regions, and the intermediate results. */
interface Lanes {
  readonly v: Local;
  readonly s: Local;
  readonly y: Local;
  readonly inner: Local;
  readonly outer: Local;
  readonly kf: Local;
  readonly hi: Local;
  readonly arg: Local;
  readonly ex: Local;
  readonly phi: Local;
  readonly cdf: Local;
  readonly z: Local;
  readonly near: Local;
  readonly far: Local;
  readonly erfc: Local;
  readonly negative: Local;
  readonly mask: Local;
  readonly scratch: Local;
  readonly powers: readonly Local[];
}

const LANES_LOCALS = 18;

function lanesOf(f: Code): Lanes {
  const [v, s, y, inner, outer, kf, hi, arg, ex, phi, cdf, z, near, far, erfc, negative, mask, scratch] = Array.from({ length: LANES_LOCALS }, () =>
    f.local(ValType.v128),
  );
  const powers = Array.from({ length: 4 }, () => f.local(ValType.v128));
  return { v, s, y, inner, outer, kf, hi, arg, ex, phi, cdf, z, near, far, erfc, negative, mask, scratch, powers };
}

export function geluFunction(order: number, count: number): FunctionDef {
  const { i32 } = ValType;
  const f = new Code([i32, i32, i32, i32]);
  const [x, out, n, plane] = Array.from({ length: 4 }, (_, i) => f.param(i));
  const [i, end, o] = [f.local(i32), f.local(i32), f.local(i32)];
  const vectors = Array.from({ length: GELU_VECTORS }, () => lanesOf(f));
  /** Emits `step` for each vector in turn: the vectors' chains of dependent operations interleave, phase by phase. */
  const each = (step: (L: Lanes, g: number) => void) => vectors.forEach(step);
  const needsCdf = order < 2;

  /** Selects, lane by lane, what `a` pushes where `mask` is set and what `b` pushes elsewhere. */
  const select = (a: () => void, b: () => void, mask: Local) => {
    a();
    b();
    f.get(mask);
    f.v128Bitselect();
  };
  /** Runs `body` for every vector unless no lane of any is set in `lanes`. */
  const forLanes = (lanes: (L: Lanes) => void, body: (L: Lanes) => void) =>
    f.block((skip) => {
      each((L, g) => {
        lanes(L);
        if (g > 0) f.v128Or();
      });
      f.v128AnyTrue().i32Eqz().brIf(skip);
      each(body);
    });

  f.get(n)
    .i32Const(8)
    .i32Mul()
    .i32Const(GELU_VECTORS * V128 - 1)
    .i32Add()
    .i32Const(-GELU_VECTORS * V128)
    .i32And()
    .set(end);
  f.block((exit) => {
    f.get(n).i32Eqz().brIf(exit);
    f.i32Const(0).set(i);
    f.loop((again) => {
      each(({ v }, g) =>
        f
          .get(x)
          .get(i)
          .i32Add()
          .v128Load(g * V128)
          .set(v),
      );
      each(({ v, s, y }) => {
        f.get(v).f64x2Const(Math.SQRT1_2).f64x2Mul().set(s);
        f.get(s).f64x2Abs().set(y);
      });
      each(({ y, inner, outer }) => {
        f.get(y).f64x2Const(0.46875).f64x2Le().set(inner); // |v|/√2 ≤ 0.46875: no erfc
        f.get(y).f64x2Const(ERFC_CUTOFF).f64x2Lt().get(inner).v128AndNot().set(outer); // erfc's range
      });
      // kf = trunc(16y), exp's argument: −v²/2 inside, −(kf/16)² − (y − kf/16)(y + kf/16) outside.
      each(({ y, kf, scratch }) => {
        f.get(y).f64x2Const(16).f64x2Mul().f64x2Trunc().set(kf);
        f.get(kf)
          .f64x2Const(1 / 16)
          .f64x2Mul()
          .set(scratch); // ysq = kf/16, exactly
      });
      each(({ v, y, scratch, inner, arg }) => {
        select(
          () => f.f64x2Const(-0.5).get(v).f64x2Mul().get(v).f64x2Mul(),
          () => f.get(y).get(scratch).f64x2Sub().f64x2Neg().get(y).get(scratch).f64x2Add().f64x2Mul(),
          inner,
        );
        f.set(arg);
      });
      each(({ scratch, inner, hi }) => {
        select(
          () => f.v128Zero(),
          () => f.get(scratch).get(scratch).f64x2Mul().f64x2Neg(),
          inner,
        );
        f.set(hi);
      });
      each(({ hi, arg, ex, scratch, powers }) => exp(f, hi, arg, ex, scratch, powers));
      // φ = e^(−v²/2)/√(2π), e^(−v²/2) = e^(−y²) by either split; 0 past the cutoff (and for NaN).
      each(({ ex, inner, outer, phi, mask }) => {
        f.get(inner).get(outer).v128Or().set(mask);
        f.f64x2Const(INV_SQRT_2PI);
        select(
          () => f.get(ex),
          () => f.v128Zero(),
          mask,
        );
        f.f64x2Mul().set(phi);
      });
      if (needsCdf) {
        // Inside: Φ = ½(1 + erf(s)), erf(s) = s·num(z)/den(z), z = y² (0 below 1.11e-16).
        forLanes(
          ({ inner }) => f.get(inner),
          ({ y, z, s, cdf }) => {
            f.get(y).get(y).f64x2Mul().f64x2Const(0).get(y).f64x2Const(1.11e-16).f64x2Gt().v128Bitselect().set(z);
            f.get(s);
            horner(f, CALERF.small.num, z);
            f.f64x2Mul();
            horner(f, CALERF.small.den, z, true);
            f.f64x2Div().f64x2Const(1).f64x2Add().f64x2Const(0.5).f64x2Mul().set(cdf);
          },
        );
        // Outside: erfc(y) = e·num(y)/den(y) up to y = 4, e·(1/√π − z·num(z)/den(z))/y past it (z = 1/y²).
        each(({ y, mask }) => f.get(y).f64x2Const(4).f64x2Le().set(mask));
        // The near approximation for every vector: nearly all need it, and a branch taken at random costs more than it saves.
        each(({ y, near }) => {
          horner(f, CALERF.near.num, y);
          horner(f, CALERF.near.den, y, true);
          f.f64x2Div().set(near);
        });
        forLanes(
          ({ outer, mask }) => f.get(outer).get(mask).v128AndNot(),
          ({ y, z, far }) => {
            f.f64x2Const(1).get(y).get(y).f64x2Mul().f64x2Div().set(z);
            f.f64x2Const(SQRPI);
            horner(f, CALERF.far.num, z);
            f.get(z).f64x2Mul();
            horner(f, CALERF.far.den, z, true);
            f.f64x2Div().f64x2Sub().get(y).f64x2Div().set(far);
          },
        );
        each(({ ex, near, far, mask, erfc, v, negative, cdf, inner, outer, phi }) => {
          f.get(ex);
          select(
            () => f.get(near),
            () => f.get(far),
            mask,
          );
          f.f64x2Mul().set(erfc);
          // Φ = erfc/2 for v < 0, 1 − erfc/2 else; past the cutoff 0 for v < 0, 1 else, and NaN for NaN.
          f.get(v).v128Zero().f64x2Lt().set(negative);
          f.get(v).get(v).f64x2Ne().set(mask); // NaN
          select(
            () => f.get(cdf),
            () =>
              select(
                () =>
                  select(
                    () => f.get(erfc).f64x2Const(0.5).f64x2Mul(),
                    () => f.f64x2Const(1).get(erfc).f64x2Const(0.5).f64x2Mul().f64x2Sub(),
                    negative,
                  ),
                () =>
                  select(
                    () => f.get(v),
                    () =>
                      select(
                        () => f.v128Zero(),
                        () => f.f64x2Const(1),
                        negative,
                      ),
                    mask,
                  ),
                outer,
              ),
            inner,
          );
          f.set(cdf);
          f.get(phi).v128Zero().f64x2Eq().set(mask); // φ = 0: past the cutoff, where v·φ would be ±∞·0
        });
      }
      f.get(out).get(i).i32Add().set(o);
      for (let j = 0; j < count; j++) {
        const k = order + j;
        each(({ v, cdf, phi, mask }, g) => {
          f.get(o);
          if (k === 0) f.get(v).get(cdf).f64x2Mul();
          else if (k === 1)
            select(
              () => f.get(cdf),
              () => f.get(cdf).get(v).get(phi).f64x2Mul().f64x2Add(),
              mask,
            );
          else {
            const p = geluPolynomial(k);
            f.v128Zero();
            for (let d = p.length - 1; d >= 0; d--) f.get(v).f64x2Mul().f64x2Const(p[d]!).f64x2Add();
            f.get(phi).f64x2Mul();
          }
          f.v128Store(g * V128);
        });
        if (j < count - 1) f.get(o).get(plane).i32Add().set(o);
      }
      f.get(i)
        .i32Const(GELU_VECTORS * V128)
        .i32Add()
        .tee(i)
        .get(end)
        .i32LtU()
        .brIf(again);
    });
  });
  return f.function(geluName(order, count));
}
