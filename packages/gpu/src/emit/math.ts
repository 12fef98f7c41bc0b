import type { BinaryPrim, ComparePrim, UnaryPrim } from "@nabla/tensor";
import { geluPolynomial, Prim } from "@nabla/tensor";
import type { Block } from "./dialect.js";

/*
 * Float32 math written once for both kernel languages. Each routine pushes its
 * statements into the block and returns the name (or expression) of its
 * result. Where the languages' built-ins are missing (erf, log1p, expm1) or
 * unreliable in float32 (tanh near 0 and for large |x|), the routine says which
 * approximation it uses and its error.
 */

const INV_SQRT_2PI = 0.3989422804014327;
const SQRT1_2 = Math.SQRT1_2;

/**
 * erfc(z) for z ≥ 0 by the Chebyshev fit of Numerical Recipes (erfcc):
 * fractional error below 1.2e-7 everywhere, so its tail stays accurate
 * relative to its own size.
 */
export function erfcPositive(b: Block, z: string): string {
  const t = b.let(`1.0 / (1.0 + 0.5 * ${z})`, "t");
  const c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
  let poly = b.d.lit(c[c.length - 1]!);
  for (let i = c.length - 2; i >= 0; i--) poly = `(${b.d.lit(c[i]!)} + ${t} * ${poly})`;
  return b.let(`${t} * ${b.d.call("exp", `-${z} * ${z} + ${poly}`)}`, "ec");
}

/** Φ(x), the standard normal CDF, with relative accuracy in both tails: ½ erfc(−x/√2). */
export function normalCdf(b: Block, x: string): string {
  const e = erfcPositive(b, `(${b.d.call("abs", x)} * ${b.d.lit(SQRT1_2)})`);
  return b.let(b.d.select(`${x} < 0.0`, `0.5 * ${e}`, `1.0 - 0.5 * ${e}`), "cdf");
}

/** φ(x), the standard normal density. */
export const normalPdf = (b: Block, x: string): string => b.let(`${b.d.lit(INV_SQRT_2PI)} * ${b.d.call("exp", `-0.5 * ${x} * ${x}`)}`, "pdf");

/** erf: its Maclaurin series below 0.5 (relative error < 1e-9 there), 1 − erfc above. */
export function erf(b: Block, x: string): string {
  const a = b.let(b.d.call("abs", x), "a");
  const x2 = b.let(`${x} * ${x}`, "x2");
  // 2/√π (x − x³/3 + x⁵/10 − x⁷/42 + x⁹/216 − x¹¹/1320 + x¹³/9360)
  const series = `${b.d.lit(2 / Math.sqrt(Math.PI))} * ${x} * (1.0 + ${x2} * (${b.d.lit(-1 / 3)} + ${x2} * (0.1 + ${x2} * (${b.d.lit(-1 / 42)} + ${x2} * (${b.d.lit(1 / 216)} + ${x2} * (${b.d.lit(-1 / 1320)} + ${x2} * ${b.d.lit(1 / 9360)}))))))`;
  const r = b.let("0.0", "erf");
  b.nest(`if (${a} < 0.5) {`, () => b.line(`${r} = ${series};`));
  b.nest(`if (${a} >= 0.5) {`, () => {
    const e = erfcPositive(b, a);
    b.line(`${r} = ${b.d.select(`${x} < 0.0`, `${e} - 1.0`, `1.0 - ${e}`)};`);
  });
  return r;
}

/** tanh as in Cephes' tanhf: an odd polynomial below 0.625, 1 − 2/(e^{2|x|} + 1) above (about 2 ulp). */
export function tanh(b: Block, x: string): string {
  const a = b.let(b.d.call("abs", x), "a");
  const r = b.let("0.0", "th");
  b.nest(`if (${a} < 0.625) {`, () => {
    const z = b.let(`${x} * ${x}`, "z");
    b.line(
      `${r} = ${x} + ${x} * ${z} * ((((-5.70498872745e-3 * ${z} + 2.06390887954e-2) * ${z} - 5.37397155531e-2) * ${z} + 1.33314422036e-1) * ${z} - 3.33332819422e-1);`,
    );
  });
  b.nest(`if (${a} >= 0.625) {`, () => {
    // exp overflows to +inf for |x| > 44, where 2/(inf + 1) = 0 gives ±1 exactly.
    const t = b.let(`1.0 - 2.0 / (${b.d.call("exp", `2.0 * ${b.d.call("min", a, "44.0")}`)} + 1.0)`, "t");
    b.line(`${r} = ${b.d.select(`${x} < 0.0`, `-${t}`, t)};`);
  });
  return r;
}

/** log(1 + x) without cancellation: log(u)·x/(u − 1) with u = 1 + x (Goldberg's trick). */
export function log1p(b: Block, x: string): string {
  const u = b.let(`1.0 + ${x}`, "u");
  const r = b.let(x, "l1p");
  b.nest(`if (${u} != 1.0) {`, () => b.line(`${r} = ${b.d.call("log", u)} * ${x} / (${u} - 1.0);`));
  return r;
}

/** e^x − 1 without cancellation: (u − 1)·x/log(u) with u = e^x (Kahan's trick). */
export function expm1(b: Block, x: string): string {
  const u = b.let(b.d.call("exp", x), "u");
  const r = b.let(x, "em1");
  b.nest(`if (${u} != 1.0) {`, () => {
    b.line(`${r} = ${u} - 1.0;`);
    b.nest(`if (${b.d.call("abs", x)} < 1.0) {`, () => b.line(`${r} = (${u} - 1.0) * ${x} / ${b.d.call("log", u)};`));
  });
  return r;
}

/** 1/(1 + e^{−x}), each branch dividing by a number ≥ 1. */
export function sigmoid(b: Block, x: string): string {
  const e = b.let(b.d.call("exp", `-${b.d.call("abs", x)}`), "e");
  return b.let(b.d.select(`${x} >= 0.0`, `1.0 / (1.0 + ${e})`, `${e} / (1.0 + ${e})`), "sg");
}

/** asinh(x) = sign(x)·log1p(|x| + x²/(1 + √(1 + x²))), accurate near 0. */
export function asinh(b: Block, x: string): string {
  const a = b.let(b.d.call("abs", x), "a");
  const big = b.let("0.0", "as");
  b.nest(`if (${a} > 1.0e4) {`, () => b.line(`${big} = ${b.d.call("log", a)} + ${b.d.lit(Math.LN2)};`));
  b.nest(`if (${a} <= 1.0e4) {`, () => {
    const l = log1p(b, `(${a} + ${a} * ${a} / (1.0 + ${b.d.call("sqrt", `1.0 + ${a} * ${a}`)}))`);
    b.line(`${big} = ${l};`);
  });
  return b.let(b.d.select(`${x} < 0.0`, `-${big}`, big), "ash");
}

/** x^y with the real results of a negative base and an integer exponent; 1 when y = 0. */
export function pow(b: Block, x: string, y: string): string {
  const r = b.let("1.0", "pw");
  b.nest(`if (${y} != 0.0) {`, () => {
    const m = b.let(b.d.call("pow", b.d.call("abs", x), y), "m");
    b.line(`${r} = ${m};`);
    b.nest(`if (${x} < 0.0) {`, () => {
      const odd = `${b.d.call("floor", `${y} * 0.5`)} * 2.0 != ${y}`;
      const integer = `${b.d.call("floor", y)} == ${y}`;
      // A negative base with a fractional exponent has no real power: NaN (√−1).
      b.line(`${r} = ${b.d.select(integer, b.d.select(odd, `-${m}`, m), b.d.call("sqrt", `-1.0 - ${m} * 0.0`))};`);
    });
  });
  return r;
}

/** GELU (exact or tanh form) or, for the exact form, its derivative of the given order. */
export function gelu(b: Block, x: string, approximate: "none" | "tanh", order: number): string {
  if (approximate === "tanh") {
    const th = tanh(b, `(${b.d.lit(Math.sqrt(2 / Math.PI))} * (${x} + ${b.d.lit(0.044715)} * ${x} * ${x} * ${x}))`);
    return b.let(`0.5 * ${x} * (1.0 + ${th})`, "g");
  }
  if (order === 0) return b.let(`${x} * ${normalCdf(b, x)}`, "g");
  if (order === 1) return b.let(`${normalCdf(b, x)} + ${x} * ${normalPdf(b, x)}`, "g");
  const p = geluPolynomial(order);
  let acc = b.d.lit(p[p.length - 1]!);
  for (let i = p.length - 2; i >= 0; i--) acc = `(${acc} * ${x} + ${b.d.lit(p[i]!)})`;
  return b.let(`${normalPdf(b, x)} * ${acc}`, "g");
}

/**
 * sin or cos as in Cephes' sinf/cosf: x reduced by multiples of π/4 in three
 * exact float32 parts (Cody–Waite), then a minimax polynomial on [−π/4, π/4];
 * about 1 ulp for |x| < 8192, where the GPU built-ins promise only 2^−11
 * absolute on [−π, π].
 */
export function sinCos(b: Block, x: string, which: "sin" | "cos"): string {
  const d = b.d;
  const a = b.let(d.call("abs", x), "a");
  const j = b.let(d.call("floor", `${a} * ${d.lit(4 / Math.PI)}`), "j");
  // An odd octant moves up to the next even one; the remainder z is then in [−π/4, π/4].
  b.line(`${j} = ${j} + (${j} - 2.0 * ${d.call("floor", `${j} * 0.5`)});`);
  const z = b.let(`((${a} - ${j} * 0.78515625) - ${j} * 2.4187564849853515625e-4) - ${j} * 3.77489497744594108e-8`, "z");
  const oct = b.let(`${j} - 8.0 * ${d.call("floor", `${j} * 0.125`)}`, "oct");
  const sign = b.let(which === "sin" ? d.select(`${x} < 0.0`, "-1.0", "1.0") : "1.0", "sgn");
  b.nest(`if (${oct} > 3.0) {`, () => {
    b.line(`${oct} = ${oct} - 4.0;`);
    b.line(`${sign} = -${sign};`);
  });
  if (which === "cos") b.nest(`if (${oct} > 1.0) {`, () => b.line(`${sign} = -${sign};`));
  const zz = b.let(`${z} * ${z}`, "zz");
  const cosPoly = `((2.443315711809948e-5 * ${zz} - 1.388731625493765e-3) * ${zz} + 4.166664568298827e-2) * ${zz} * ${zz} - 0.5 * ${zz} + 1.0`;
  const sinPoly = `((-1.9515295891e-4 * ${zz} + 8.3321608736e-3) * ${zz} - 1.6666654611e-1) * ${zz} * ${z} + ${z}`;
  // sin uses its polynomial in octants 0 and 3 (after folding), cos in 1 and 2; cos the other way round.
  const middle = `${oct} == 1.0 || ${oct} == 2.0`;
  const [inMiddle, outside] = which === "sin" ? [cosPoly, sinPoly] : [sinPoly, cosPoly];
  const r = b.let(outside, which);
  b.nest(`if (${middle}) {`, () => b.line(`${r} = ${inMiddle};`));
  return b.let(`${sign} * ${r}`, which);
}

/** An elementwise unary primitive of x. */
export function unary(b: Block, prim: UnaryPrim, x: string): string {
  const d = b.d;
  switch (prim) {
    case Prim.Neg:
      return b.let(`-${x}`);
    case Prim.Exp:
      return b.let(d.call("exp", x));
    case Prim.Log:
      return b.let(d.call("log", x));
    case Prim.Log1p:
      return log1p(b, x);
    case Prim.Expm1:
      return expm1(b, x);
    case Prim.Sin:
      return sinCos(b, x, "sin");
    case Prim.Cos:
      return sinCos(b, x, "cos");
    case Prim.Tan:
      return b.let(`${sinCos(b, x, "sin")} / ${sinCos(b, x, "cos")}`);
    case Prim.Tanh:
      return tanh(b, x);
    case Prim.Sqrt:
      return b.let(d.call("sqrt", x));
    case Prim.Abs:
      return b.let(d.call("abs", x));
    case Prim.Sign:
      return b.let(d.select(`${x} > 0.0`, "1.0", d.select(`${x} < 0.0`, "-1.0", "0.0")));
    case Prim.Erf:
      return erf(b, x);
    case Prim.Asinh:
      return asinh(b, x);
    case Prim.Atan:
      return b.let(d.call("atan", x));
    case Prim.Sigmoid:
      return sigmoid(b, x);
  }
}

/** An elementwise binary primitive or comparison (1 where true, 0 where false). */
export function binary(b: Block, prim: BinaryPrim | ComparePrim, x: string, y: string): string {
  const d = b.d;
  const cmp = (op: string) => b.let(d.select(`${x} ${op} ${y}`, "1.0", "0.0"));
  switch (prim) {
    case Prim.Add:
      return b.let(`${x} + ${y}`);
    case Prim.Sub:
      return b.let(`${x} - ${y}`);
    case Prim.Mul:
      return b.let(`${x} * ${y}`);
    case Prim.Div:
      return b.let(`${x} / ${y}`);
    case Prim.Pow:
      return pow(b, x, y);
    case Prim.Max:
      return b.let(d.call("max", x, y));
    case Prim.Min:
      return b.let(d.call("min", x, y));
    case Prim.Lt:
      return cmp("<");
    case Prim.Le:
      return cmp("<=");
    case Prim.Gt:
      return cmp(">");
    case Prim.Ge:
      return cmp(">=");
    case Prim.Eq:
      return cmp("==");
    case Prim.Ne:
      return cmp("!=");
  }
}
