/** The math functions both kernel languages provide under one name. */
export type MathFn = "exp" | "log" | "sqrt" | "abs" | "atan" | "floor" | "pow" | "max" | "min";

/**
 * The syntax a kernel is written in: gpu.js's JavaScript subset or WGSL.
 * Emitters build float32 arithmetic and index arithmetic through it, so one
 * description of each kernel serves both.
 */
export interface Dialect {
  readonly name: "gpu.js" | "wgsl";
  /** A float literal. */
  lit(value: number): string;
  /** An index (integer) literal. */
  int(value: number): string;
  /** Declares a mutable float variable. */
  float(name: string, init: string): string;
  /** Declares a mutable index variable. */
  index(name: string, init: string): string;
  call(fn: MathFn, ...args: string[]): string;
  /** cond ? a : b, floats. */
  select(cond: string, a: string, b: string): string;
  /** Reads entry `at` (an index expression) of index table `name` as an index. */
  table(name: string, at: string): string;
  /** Statements declaring `quot` = ⌊q / size⌋ and `rem` = q mod size, exactly. */
  divmod(q: string, size: number, quot: string, rem: string): string[];
  /** Opens a loop of index `v` over 0, step, 2·step, … below `count`. */
  loop(v: string, count: number, step?: number): string;
  /** A float from an index expression. */
  toFloat(index: string): string;
}

/** Statements of one kernel body, with fresh variable names. */
export class Block {
  readonly lines: string[] = [];
  private counter = 0;
  constructor(
    readonly d: Dialect,
    private indent = "  ",
  ) {}

  fresh(prefix = "v"): string {
    return `${prefix}${this.counter++}`;
  }

  line(text: string): void {
    this.lines.push(this.indent + text);
  }

  /** A new float variable holding `expr`; returns its name. */
  let(expr: string, prefix = "v"): string {
    const name = this.fresh(prefix);
    this.line(this.d.float(name, expr));
    return name;
  }

  /** A new index variable holding `expr`; returns its name. */
  letIndex(expr: string, prefix = "q"): string {
    const name = this.fresh(prefix);
    this.line(this.d.index(name, expr));
    return name;
  }

  /** Runs `body` one indentation level deeper between `open` and `}`. */
  nest(open: string, body: () => void, close = "}"): void {
    this.line(open);
    const saved = this.indent;
    this.indent += "  ";
    body();
    this.indent = saved;
    this.line(close);
  }

  text(): string {
    return this.lines.join("\n");
  }
}

/** A float literal both languages parse as float32 (always with a point or an exponent). */
export function floatLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`floatLiteral: ${value} cannot be written as a kernel literal`);
  const v = Math.fround(value);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return `${v}.0`;
  // The shortest decimal that rounds back to the same float32.
  let s = v.toPrecision(9);
  for (let p = 1; p < 9; p++) {
    const t = v.toPrecision(p);
    if (Math.fround(Number(t)) === v) {
      s = t;
      break;
    }
  }
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}
