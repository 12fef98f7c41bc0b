/**
 * A function body written instruction by instruction: the i32, f64 and
 * 128-bit SIMD (f64x2) instructions the CPU kernels use, structured control
 * flow with labels, and locals declared by type.
 */
import { sleb128, uleb128, ValType, type FunctionDef } from "./encoder.js";

/** A local variable (parameters first, then declared locals), by index. */
export type Local = number & { readonly __local: unique symbol };

/** A branch target opened by `block` or `loop`. */
export interface Label {
  readonly depth: number;
}

const BLOCK_VOID = 0x40;
const SIMD = 0xfd;

/** `log2` of the natural alignment, the default `align` of a memory access. */
const Align = { i32: 2, f64: 3, v128: 4 } as const;

/**
 * The body of one function. Each method appends one instruction and returns
 * `this`, so a line reads as the stack machine runs it:
 * `f.get(x).get(y).f64x2Mul().set(x)`.
 */
export class Code {
  readonly bytes: number[] = [];
  private readonly locals: ValType[] = [];
  private depth = 0;

  constructor(private readonly params: readonly ValType[]) {}

  /** The `i`-th parameter. */
  param(i: number): Local {
    if (i < 0 || i >= this.params.length) throw new RangeError(`param: index ${i} outside the ${this.params.length} parameters`);
    return i as Local;
  }

  /** Declares a fresh local of the given type. */
  local(type: ValType): Local {
    this.locals.push(type);
    return (this.params.length + this.locals.length - 1) as Local;
  }

  /** The finished function. */
  function(name: string, results: readonly ValType[] = []): FunctionDef {
    if (this.depth !== 0) throw new Error(`function ${name}: ${this.depth} block(s) left open`);
    return { name, params: this.params, results, locals: this.locals, body: this.bytes };
  }

  private op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(SIMD, ...uleb128(opcode), ...immediates);
  }

  private memarg(align: number, offset: number): number[] {
    return [...uleb128(align), ...uleb128(offset)];
  }

  // Control flow. `body` receives the label to branch to: for a block, its end; for a loop, its start.
  private structured(opcode: number, body: (label: Label) => void): this {
    this.op(opcode, BLOCK_VOID);
    const label = { depth: ++this.depth };
    body(label);
    this.depth--;
    return this.op(0x0b);
  }
  block(body: (end: Label) => void): this {
    return this.structured(0x02, body);
  }
  loop(body: (start: Label) => void): this {
    return this.structured(0x03, body);
  }
  br(label: Label): this {
    return this.op(0x0c, ...uleb128(this.depth - label.depth));
  }
  brIf(label: Label): this {
    return this.op(0x0d, ...uleb128(this.depth - label.depth));
  }
  drop(): this {
    return this.op(0x1a);
  }

  // Locals.
  get(x: Local): this {
    return this.op(0x20, ...uleb128(x));
  }
  set(x: Local): this {
    return this.op(0x21, ...uleb128(x));
  }
  tee(x: Local): this {
    return this.op(0x22, ...uleb128(x));
  }

  // i32.
  i32Const(v: number): this {
    return this.op(0x41, ...sleb128(v));
  }
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GtS(): this {
    return this.op(0x4a);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Shl(): this {
    return this.op(0x74);
  }
  /** The f64 on the stack toward zero as an i32, saturating (NaN gives 0): never traps. */
  i32TruncSatF64S(): this {
    return this.op(0xfc, ...uleb128(2));
  }

  i32Load(offset = 0): this {
    return this.op(0x28, ...this.memarg(Align.i32, offset));
  }

  // f64.
  f64Load(offset = 0): this {
    return this.op(0x2b, ...this.memarg(Align.f64, offset));
  }
  f64Store(offset = 0): this {
    return this.op(0x39, ...this.memarg(Align.f64, offset));
  }
  f64Add(): this {
    return this.op(0xa0);
  }
  f64Mul(): this {
    return this.op(0xa2);
  }

  // v128 and f64x2.
  v128Load(offset = 0): this {
    return this.simd(0x00, ...this.memarg(Align.v128, offset));
  }
  /** Loads one f64 into both lanes. */
  v128Load64Splat(offset = 0): this {
    return this.simd(0x0a, ...this.memarg(Align.f64, offset));
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b, ...this.memarg(Align.v128, offset));
  }
  /** The all-zero vector. */
  v128Zero(): this {
    return this.simd(0x0c, ...new Array<number>(16).fill(0));
  }
  /** `value` in both lanes. */
  f64x2Const(value: number): this {
    const bytes = new Uint8Array(new Float64Array([value, value]).buffer);
    return this.simd(0x0c, ...bytes);
  }
  f64x2ExtractLane(lane: 0 | 1): this {
    return this.simd(0x21, lane);
  }
  /** Replaces a lane of the vector under the f64 on the stack with it. */
  f64x2ReplaceLane(lane: 0 | 1): this {
    return this.simd(0x22, lane);
  }
  /** v₁ where the mask's bits are set, else v₂ (stack: v₁, v₂, mask). */
  v128Bitselect(): this {
    return this.simd(0x52);
  }
  v128And(): this {
    return this.simd(0x4e);
  }
  /** 1 if any bit of the vector is set, else 0 (an i32). */
  v128AnyTrue(): this {
    return this.simd(0x53);
  }
  v128Or(): this {
    return this.simd(0x50);
  }
  /** a & ~b (stack: a, b). */
  v128AndNot(): this {
    return this.simd(0x4f);
  }
  /** Lanes of the i64 pair on the stack shifted left by the i32 above it. */
  i64x2Shl(): this {
    return this.simd(0xcb);
  }
  // Comparisons give all-ones lanes where true, zero where false (and false with NaN, but for ne).
  f64x2Eq(): this {
    return this.simd(0x47);
  }
  f64x2Ne(): this {
    return this.simd(0x48);
  }
  f64x2Lt(): this {
    return this.simd(0x49);
  }
  f64x2Gt(): this {
    return this.simd(0x4a);
  }
  f64x2Le(): this {
    return this.simd(0x4b);
  }
  f64x2Abs(): this {
    return this.simd(0xec);
  }
  f64x2Neg(): this {
    return this.simd(0xed);
  }
  f64x2Trunc(): this {
    return this.simd(0x7a);
  }
  /** Rounds to the nearest integer, ties to even. */
  f64x2Nearest(): this {
    return this.simd(0x94);
  }
  f64x2Add(): this {
    return this.simd(0xf0);
  }
  f64x2Sub(): this {
    return this.simd(0xf1);
  }
  f64x2Mul(): this {
    return this.simd(0xf2);
  }
  /**
   * a·b + c lane by lane (stack: a, b, c), from relaxed SIMD: rounded once
   * where the CPU has fused multiply-add, else twice, as mul then add.
   */
  f64x2RelaxedMadd(): this {
    return this.simd(0x107);
  }
  f64x2Div(): this {
    return this.simd(0xf3);
  }
  /** The lesser lane by lane; NaN if either is, and −0 below +0 (as Math.min). */
  f64x2Min(): this {
    return this.simd(0xf4);
  }
  /** The greater lane by lane; NaN if either is, and +0 above −0 (as Math.max). */
  f64x2Max(): this {
    return this.simd(0xf5);
  }
}
