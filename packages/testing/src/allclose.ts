import { AssertionError } from "chai";

export type Nested = number | readonly Nested[] | ArrayLike<number>;

export interface Tolerance {
  /** Relative tolerance, against |expected|. Default 1e-12. */
  rtol?: number;
  /** Absolute tolerance. Default 0. */
  atol?: number;
}

function flattenNested(value: Nested, path: string, out: { values: number[]; shape: number[] }, depth = 0): void {
  if (typeof value === "number") {
    out.values.push(value);
    return;
  }
  const length = value.length;
  if (out.shape.length === depth) out.shape.push(length);
  else if (out.shape[depth] !== length) throw new AssertionError(`${path}: ragged array (length ${length}, expected ${out.shape[depth]})`);
  for (let i = 0; i < length; i++) flattenNested((value as readonly Nested[])[i]!, path, out, depth + 1);
}

/**
 * Asserts |actual − expected| ≤ atol + rtol·|expected| everywhere, with equal
 * shapes; the failure names the worst entry. NaN only matches NaN.
 */
export function expectAllclose(
  actual: Nested | { toArray(): unknown },
  expected: Nested | { toArray(): unknown },
  { rtol = 1e-12, atol = 0 }: Tolerance = {},
  what = "value",
): void {
  const a = { values: [] as number[], shape: [] as number[] };
  const e = { values: [] as number[], shape: [] as number[] };
  const unwrap = (v: unknown): Nested =>
    v !== null && typeof v === "object" && "toArray" in v ? ((v as { toArray(): unknown }).toArray() as Nested) : (v as Nested);
  flattenNested(unwrap(actual), `${what} (actual)`, a);
  flattenNested(unwrap(expected), `${what} (expected)`, e);
  if (a.shape.join(",") !== e.shape.join(",")) throw new AssertionError(`${what}: shape [${a.shape}] differs from the expected [${e.shape}]`);
  let worst = -1,
    worstExcess = 0;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i]!,
      y = e.values[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) [worst, worstExcess] = [i, excess];
  }
  if (worst >= 0) {
    const x = a.values[worst]!,
      y = e.values[worst]!;
    throw new AssertionError(
      `${what}: entry ${worst} (flat index, shape [${a.shape}]) is ${x}, expected ${y} (|diff| ${Math.abs(x - y)}, rtol ${rtol}, atol ${atol})`,
    );
  }
}
