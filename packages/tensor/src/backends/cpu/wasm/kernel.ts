/**
 * The GEMM module, written with `code.ts`: a memory (exported, or imported
 * and shared between threads) and four functions (pointers are byte addresses
 * into the memory, sizes are counts of float64 values). For micro-kernel
 * blocks of R rows × P columns (R = rows, P = 2·vectors of `KernelShape`):
 *
 *   pack(src, dst, k, n, ldb)         B [k×n] (rows ldb apart) → panels [⌈n/P⌉][k][P], zero-padded
 *   gemm(a, b, c, blocks, k, n, ldc)  C = A · B
 *   add_rows(c, row, groups, period, cols)
 *   mul_rows(c, row, groups, period, cols)
 *                                     C's rows (cols apart), in groups of `period`: group g's += or *= row g
 *
 * where A is blocks·R rows of k values, row-major; B is packed by `pack`; C is
 * blocks·R rows of n values, ldc apart. The caller pads A with zero rows to
 * whole blocks and gives C room for those rows.
 *
 * The micro-kernel keeps an R×P block of A·B in R·P/2 f64x2 accumulators over
 * the whole of k: each step loads one row of the panel (P/2 vectors), splats R
 * scalars of A, and does R·P/2 vector multiplies and adds. Then it stores the
 * block in C, only the valid columns of the last panel (what C held is never
 * read, so the caller need not copy it in). Every sum runs over p = 0…k−1 in
 * order from zero. Without fused multiply-adds each value is bit-for-bit what
 * the scalar loop `s = 0; for p: s += a[i][p] · b[p][j]; c[i][j] = s` gives;
 * with them (relaxed SIMD's `f64x2.relaxed_madd`, half the instructions of the
 * inner loop) each step rounds once instead of twice, so the sum is at least as
 * accurate but may differ from that loop's in the last bits.
 */
import { Code, type Local } from "./code.js";
import { encodeModule, ValType, type FunctionDef } from "./encoder.js";

const F64 = 8;
const V128 = 16;

/** `x += delta` for an i32 local and a constant. */
function bump(f: Code, x: Local, delta: number): void {
  f.get(x).i32Const(delta).i32Add().set(x);
}

/** The shape of a micro-kernel block of C. */
export interface KernelShape {
  /** Rows of C per micro-kernel block. */
  readonly rows: number;
  /** f64x2 vectors per row of the block: the panels are 2·vectors columns wide. */
  readonly vectors: number;
}

/**
 * 4 rows × 4 columns: 8 accumulators, 2 vectors of B and 4 splats of A fit in
 * the 15 vector registers V8 allocates on x64 (more would spill), and no other
 * shape measured faster (2 to 6 rows × 4 columns, 4 to 8 rows × 2 columns).
 */
export const GEMM_SHAPE: KernelShape = { rows: 4, vectors: 2 };

function gemmFunction({ rows, vectors }: KernelShape, fused: boolean): FunctionDef {
  const { i32, v128 } = ValType;
  const panel = 2 * vectors,
    panelRow = panel * F64;
  const f = new Code([i32, i32, i32, i32, i32, i32, i32]);
  const [a, b, c, blocks, k, n, ldc] = [0, 1, 2, 3, 4, 5, 6].map((i) => f.param(i)) as [Local, Local, Local, Local, Local, Local, Local];
  const aRow = f.local(i32); // bytes per row of A
  const cRow = f.local(i32); // bytes per row of C
  const rowA = Array.from({ length: rows }, () => f.local(i32)); // the block's rows of A, advancing with p
  const pb = f.local(i32); // row p of the current panel
  const panelEnd = f.local(i32);
  const cp = f.local(i32); // the current panel's columns in the block's first row of C
  const cr = f.local(i32); // ... in row r
  const left = f.local(i32); // columns of C left in this block of rows
  const acc = Array.from({ length: rows }, () => Array.from({ length: vectors }, () => f.local(v128)));
  const bv = Array.from({ length: vectors }, () => f.local(v128));
  const x = f.local(v128);

  /** The loop over p = 0…k−1 (k ≥ 1): `acc[r] += splat(A[r][p]) · B[p]`. V8's optimizing tier unrolls it. */
  const kLoop = () =>
    f.loop((again) => {
      bv.forEach((v, q) =>
        f
          .get(pb)
          .v128Load(q * V128)
          .set(v),
      );
      acc.forEach((row, r) => {
        f.get(rowA[r]!).v128Load64Splat().set(x);
        row.forEach((v, q) => {
          if (fused) f.get(x).get(bv[q]!).get(v).f64x2RelaxedMadd().set(v);
          else f.get(v).get(x).get(bv[q]!).f64x2Mul().f64x2Add().set(v);
        });
      });
      for (const row of rowA) bump(f, row, F64);
      bump(f, pb, panelRow);
      f.get(pb).get(panelEnd).i32Ne().brIf(again);
    });
  /** Stores the accumulators' first `width` columns in C. */
  const storeBlock = (width: number) => {
    f.get(cp).set(cr);
    for (const row of acc) {
      row.forEach((v, q) => {
        const offset = q * V128;
        if (2 * q + 2 <= width) f.get(cr).get(v).v128Store(offset);
        else if (2 * q + 1 === width) f.get(cr).get(v).f64x2ExtractLane(0).f64Store(offset);
      });
      f.get(cr).get(cRow).i32Add().set(cr);
    }
  };

  f.get(k).i32Const(F64).i32Mul().set(aRow);
  f.get(ldc).i32Const(F64).i32Mul().set(cRow);
  f.block((exit) => {
    f.get(blocks).i32Eqz().brIf(exit);
    f.get(k).i32Eqz().brIf(exit);
    f.get(n).i32Eqz().brIf(exit);
    f.loop((nextBlock) => {
      f.get(b).set(pb);
      f.get(c).set(cp);
      f.get(n).set(left);
      f.loop((nextPanel) => {
        for (const row of acc) for (const v of row) f.v128Zero().set(v);
        f.get(a).set(rowA[0]!);
        for (let r = 1; r < rows; r++)
          f.get(rowA[r - 1]!)
            .get(aRow)
            .i32Add()
            .set(rowA[r]!);
        f.get(pb).get(k).i32Const(panelRow).i32Mul().i32Add().set(panelEnd);
        kLoop();
        // A whole panel, else the last one's `left` columns.
        f.block((added) => {
          for (let width = panel; width > 1; width--) {
            f.block((other) => {
              f.get(left).i32Const(width);
              if (width === panel) f.i32LtU();
              else f.i32Ne();
              f.brIf(other);
              storeBlock(width);
              f.br(added);
            });
          }
          storeBlock(1);
        });
        bump(f, cp, panelRow);
        f.get(left).i32Const(panel).i32Sub().tee(left).i32Const(0).i32GtS().brIf(nextPanel);
      });
      f.get(a).get(aRow).i32Const(rows).i32Mul().i32Add().set(a);
      f.get(c).get(cRow).i32Const(rows).i32Mul().i32Add().set(c);
      f.get(blocks).i32Const(1).i32Sub().tee(blocks).brIf(nextBlock);
    });
  });
  return f.function("gemm");
}

/**
 * pack(src, dst, k, n, ldb): B [k×n], rows `ldb` values apart at `src`, as
 * panels [⌈n/P⌉][k][P] at `dst`, the last one zero-padded (P = 2·vectors).
 */
function packFunction({ vectors }: KernelShape): FunctionDef {
  const { i32 } = ValType;
  const panel = 2 * vectors,
    panelRow = panel * F64;
  const f = new Code([i32, i32, i32, i32, i32]);
  const [src, dst, k, n, ldb] = [0, 1, 2, 3, 4].map((i) => f.param(i)) as [Local, Local, Local, Local, Local];
  const srcRow = f.local(i32); // bytes per row of B
  const ps = f.local(i32); // row p of the current panel's columns in B
  const end = f.local(i32); // dst at the end of the current panel
  const left = f.local(i32); // columns left
  const t = f.local(i32); // byte offset of a column in the last panel

  /** Runs `body` for p = 0…k−1, advancing `ps` by a row of B and `dst` by a row of the panel. */
  const rowsOfPanel = (body: () => void) => {
    f.get(dst).get(k).i32Const(panelRow).i32Mul().i32Add().set(end);
    f.loop((again) => {
      body();
      f.get(ps).get(srcRow).i32Add().set(ps);
      bump(f, dst, panelRow);
      f.get(dst).get(end).i32Ne().brIf(again);
    });
  };

  f.get(ldb).i32Const(F64).i32Mul().set(srcRow);
  f.get(n).set(left);
  f.block((exit) => {
    f.get(k).i32Eqz().brIf(exit);
    // Whole panels: each row of the panel is `vectors` vectors of a row of B.
    f.block((partial) => {
      f.loop((nextPanel) => {
        f.get(left).i32Const(panel).i32LtU().brIf(partial);
        f.get(src).set(ps);
        rowsOfPanel(() => {
          for (let q = 0; q < vectors; q++)
            f.get(dst)
              .get(ps)
              .v128Load(q * V128)
              .v128Store(q * V128);
        });
        bump(f, src, panelRow);
        f.get(left).i32Const(panel).i32Sub().set(left);
        f.br(nextPanel);
      });
    });
    // The last panel: zeros, then the `left` columns one by one.
    f.get(left).i32Eqz().brIf(exit);
    f.get(src).set(ps);
    rowsOfPanel(() => {
      for (let q = 0; q < vectors; q++)
        f.get(dst)
          .v128Zero()
          .v128Store(q * V128);
      f.i32Const(0).set(t);
      f.loop((nextColumn) => {
        f.get(dst).get(t).i32Add().get(ps).get(t).i32Add().f64Load().f64Store();
        bump(f, t, F64);
        f.get(t).get(left).i32Const(F64).i32Mul().i32Ne().brIf(nextColumn);
      });
    });
  });
  return f.function("pack");
}

/**
 * add_rows / mul_rows(c, row, groups, period, cols): C's rows at `c` (`cols`
 * values apart) in `groups` groups of `period`, each row of group g added to
 * or multiplied by the `cols` values at row + g·cols, value by value as a
 * separate addition or product would. add_rows with one group adds a layer's
 * bias to a block of the product while it is in cache; mul_rows scales each
 * point's `period` rows of A (its tangents) by the point's row (its
 * activation's derivative) just before the product reads them.
 */
function rowsFunction(name: string, op: "add" | "mul"): FunctionDef {
  const { i32 } = ValType;
  const f = new Code([i32, i32, i32, i32, i32]);
  const [c, row, groups, period, cols] = [0, 1, 2, 3, 4].map((i) => f.param(i)) as [Local, Local, Local, Local, Local];
  const end = f.local(i32); // c past the last row
  const groupEnd = f.local(i32); // c past the group's last row
  const rowBytes = f.local(i32);
  const pairs = f.local(i32); // bytes of a row's whole vectors
  const j = f.local(i32); // byte offset in the row
  const vector = () => (op === "add" ? f.f64x2Add() : f.f64x2Mul());
  const scalar = () => (op === "add" ? f.f64Add() : f.f64Mul());

  f.block((exit) => {
    f.get(groups).i32Eqz().brIf(exit);
    f.get(period).i32Eqz().brIf(exit);
    f.get(cols).i32Eqz().brIf(exit);
    f.get(cols).i32Const(F64).i32Mul().set(rowBytes);
    f.get(c).get(groups).get(period).i32Mul().get(rowBytes).i32Mul().i32Add().set(end);
    f.get(cols).i32Const(-2).i32And().i32Const(F64).i32Mul().set(pairs);
    f.loop((nextGroup) => {
      f.get(c).get(period).get(rowBytes).i32Mul().i32Add().set(groupEnd);
      f.loop((nextRow) => {
        f.i32Const(0).set(j);
        f.block((vectorsDone) => {
          f.loop((nextVector) => {
            f.get(j).get(pairs).i32LtU().i32Eqz().brIf(vectorsDone);
            f.get(c).get(j).i32Add().get(c).get(j).i32Add().v128Load().get(row).get(j).i32Add().v128Load();
            vector().v128Store();
            bump(f, j, V128);
            f.br(nextVector);
          });
        });
        // An odd last column.
        f.block((even) => {
          f.get(cols).i32Const(1).i32And().i32Eqz().brIf(even);
          f.get(c).get(j).i32Add().get(c).get(j).i32Add().f64Load().get(row).get(j).i32Add().f64Load();
          scalar().f64Store();
        });
        f.get(c).get(rowBytes).i32Add().tee(c).get(groupEnd).i32Ne().brIf(nextRow);
      });
      f.get(row).get(rowBytes).i32Add().set(row);
      f.get(c).get(end).i32Ne().brIf(nextGroup);
    });
  });
  return f.function(name);
}

/** How to build the module. */
export interface GemmModuleOptions {
  /** The micro-kernel's block of C (default `GEMM_SHAPE`). */
  readonly shape?: KernelShape;
  /** Fused multiply-adds in the inner loop (needs relaxed SIMD: `relaxedSimdSupported()`). */
  readonly fused?: boolean;
  /** Import the memory as `env.memory`, shared between threads, instead of defining and exporting it. */
  readonly shared?: boolean;
}

/**
 * The module's bytes: functions `gemm`, `pack`, `add_rows` and `mul_rows`, and a memory of
 * `minPages` to `maxPages` 64 KiB pages, all exported (or the memory imported
 * where `shared`).
 */
export function gemmModuleBytes(
  minPages: number,
  maxPages: number,
  { shape = GEMM_SHAPE, fused = false, shared = false }: GemmModuleOptions = {},
): Uint8Array<ArrayBuffer> {
  return encodeModule({
    memory: { name: "memory", min: minPages, max: maxPages, imported: shared, shared },
    functions: [gemmFunction(shape, fused), packFunction(shape), rowsFunction("add_rows", "add"), rowsFunction("mul_rows", "mul")],
  });
}
