/**
 * The GEMM module: one exported memory and one function
 *
 *   gemm(a, b, c, blocks, k, panels)
 *
 * writing C = A · B in float64, where (all pointers are byte addresses)
 *   A  is `blocks·ROWS` rows of `k` values, row-major, at `a`;
 *   B  is packed in `panels` panels of 4 columns, [panels][k][4], at `b`;
 *   C  is `blocks·ROWS` rows of `panels·4` values, row-major, at `c` (overwritten).
 *
 * The micro-kernel keeps a ROWS×4 block of C in ROWS·2 f64x2 accumulators over
 * the whole of k: each step loads one row of the panel (two vectors), splats
 * ROWS scalars of A, and does ROWS·2 vector multiplies and adds. Every sum runs
 * over p = 0…k−1 in order from zero, with no fused multiply-add, so each value
 * is bit-for-bit what the scalar loop `s += a[i][p] · b[p][j]` gives. Rows and
 * columns beyond the product's are the caller's padding (zero rows of A, zero
 * columns of the panels).
 */
import { Code, type Local } from "./code.js";
import { encodeModule, ValType, type FunctionDef } from "./encoder.js";

/** Rows of C per micro-kernel block. */
export const ROWS = 4;
/** Columns of C per panel. */
export const PANEL = 4;
/** Steps over k per iteration of the main loop (a power of two). */
const UNROLL = 4;

const F64 = 8;
const V128 = 16;
const PANEL_ROW = PANEL * F64;

/** `x += delta` for an i32 local and a constant. */
function bump(f: Code, x: Local, delta: number): void {
  f.get(x).i32Const(delta).i32Add().set(x);
}

function gemmFunction(ROWS: number, UNROLL: number): FunctionDef {
  const { i32, v128 } = ValType;
  const f = new Code([i32, i32, i32, i32, i32, i32]);
  const [a, b, c, blocks, k, panels] = [0, 1, 2, 3, 4, 5].map((i) => f.param(i)) as [Local, Local, Local, Local, Local, Local];
  const aRow = f.local(i32); // bytes per row of A
  const cRow = f.local(i32); // bytes per row of C
  const rowA = Array.from({ length: ROWS }, () => f.local(i32)); // the block's rows of A, advancing with p
  const pb = f.local(i32); // row p of the current panel
  const unrolledEnd = f.local(i32);
  const panelEnd = f.local(i32);
  const cBlock = f.local(i32); // first row of C of the current block
  const cp = f.local(i32); // the current panel's columns in that row
  const cr = f.local(i32); // ... in row r
  const panel = f.local(i32); // panels left in this block
  const acc = Array.from({ length: ROWS }, () => [f.local(v128), f.local(v128)] as const);
  const b0 = f.local(v128), b1 = f.local(v128), x = f.local(v128);

  /** Step p + u: `acc[r] += splat(A[r][p + u]) · B[p + u]`, reading at static offsets from the pointers. */
  const step = (u: number) => {
    f.get(pb).v128Load(u * PANEL_ROW).set(b0);
    f.get(pb).v128Load(u * PANEL_ROW + V128).set(b1);
    acc.forEach(([v0, v1], r) => {
      f.get(rowA[r]!).v128Load64Splat(u * F64).set(x);
      f.get(v0).get(x).get(b0).f64x2Mul().f64x2Add().set(v0);
      f.get(v1).get(x).get(b1).f64x2Mul().f64x2Add().set(v1);
    });
  };
  /** Runs `steps` steps per iteration until `pb` reaches `end`. */
  const kLoop = (steps: number, end: Local) =>
    f.block((done) => {
      f.get(pb).get(end).i32Eq().brIf(done);
      f.loop((again) => {
        for (let u = 0; u < steps; u++) step(u);
        for (const row of rowA) bump(f, row, steps * F64);
        bump(f, pb, steps * PANEL_ROW);
        f.get(pb).get(end).i32Ne().brIf(again);
      });
    });

  f.get(k).i32Const(F64).i32Mul().set(aRow);
  f.get(panels).i32Const(PANEL_ROW).i32Mul().set(cRow);
  f.block((exit) => {
    f.get(blocks).i32Eqz().brIf(exit);
    f.get(panels).i32Eqz().brIf(exit);
    f.get(c).set(cBlock);
    f.loop((nextBlock) => {
      f.get(b).set(pb);
      f.get(cBlock).set(cp);
      f.get(panels).set(panel);
      f.loop((nextPanel) => {
        for (const [v0, v1] of acc) f.v128Zero().tee(v0).set(v1);
        f.get(a).set(rowA[0]!);
        for (let r = 1; r < ROWS; r++) f.get(rowA[r - 1]!).get(aRow).i32Add().set(rowA[r]!);
        // The unrolled loop covers k rounded down to a multiple of UNROLL; single steps do the rest.
        f.get(pb).get(k).i32Const(-UNROLL).i32And().i32Const(PANEL_ROW).i32Mul().i32Add().set(unrolledEnd);
        f.get(pb).get(k).i32Const(PANEL_ROW).i32Mul().i32Add().set(panelEnd);
        kLoop(UNROLL, unrolledEnd);
        kLoop(1, panelEnd);
        f.get(cp).set(cr);
        for (const [v0, v1] of acc) {
          f.get(cr).get(v0).v128Store(0);
          f.get(cr).get(v1).v128Store(V128);
          f.get(cr).get(cRow).i32Add().set(cr);
        }
        bump(f, cp, PANEL_ROW);
        f.get(panel).i32Const(1).i32Sub().tee(panel).brIf(nextPanel);
      });
      f.get(a).get(aRow).i32Const(ROWS).i32Mul().i32Add().set(a);
      f.get(cBlock).get(cRow).i32Const(ROWS).i32Mul().i32Add().set(cBlock);
      f.get(blocks).i32Const(1).i32Sub().tee(blocks).brIf(nextBlock);
    });
  });
  return f.function("gemm");
}

/** The module's bytes, with a memory of `minPages` to `maxPages` 64 KiB pages exported as `memory`. */
export function gemmModuleBytes(minPages: number, maxPages: number, rows = ROWS, unroll = UNROLL): Uint8Array<ArrayBuffer> {
  return encodeModule({ memory: { name: "memory", min: minPages, max: maxPages }, functions: [gemmFunction(rows, unroll)] });
}
