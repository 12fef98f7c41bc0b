/**
 * The streaming module, written with `code.ts`: elementwise kernels over
 * blocks that `streams.ts` copies into its memory. Pointers and strides are in
 * bytes; a row is M float64 values, read and written two at a time (f64x2),
 * so a row of odd length also touches the value after it: the caller leaves
 * 16 bytes after each operand and the output, and rows are written in order,
 * so what a row's last vector writes past its end is written again by the next.
 *
 *   binary_<op>_<form>(a, aP, aJ, b, bP, bJ, out, P, J, M)
 *       out[p][j][i] = a[p·aP + j·aJ + i] <op> b[p·bP + j·bJ + i], out contiguous [P][J][M];
 *       form "vv": both step along i; "sv": a is one value a row (splat); "vs": b is.
 *   second_chain(g2, g2P, x1, x1P, g1, g1P, x2, x2P, out, P, pairs, K, M)
 *   second_chain_pure(g2, g2P, x1, x1P, out, P, pairs, K, M)
 *       out[p][k] = g1[p]·x2[p][k] + g2[p]·x1[p][aₖ]·x1[p][bₖ] (pure: without g1·x2) for the
 *       K pairs whose byte offsets into a point's x1, aₖ·M·8 and bₖ·M·8, are the i32s at `pairs`.
 *   gelu_<order>_<count>(x, out, n, plane, table)
 *       exact GELU's derivatives of several orders (`geluKernel.ts`).
 *
 * Each value is computed as the JavaScript kernels compute it, operation for
 * operation (WebAssembly has no fused multiply-add), so both give the same bits.
 */
import { Code, type Local } from "./code.js";
import { encodeModule, ValType, type FunctionDef } from "./encoder.js";
import { geluFunction, geluVariants } from "./geluKernel.js";

const F64 = 8;
const V128 = 16;

/** The binary operations the module has, with the f64x2 instruction of each. */
export const STREAM_OPS = {
  add: (f: Code) => f.f64x2Add(),
  sub: (f: Code) => f.f64x2Sub(),
  mul: (f: Code) => f.f64x2Mul(),
  div: (f: Code) => f.f64x2Div(),
  min: (f: Code) => f.f64x2Min(),
  max: (f: Code) => f.f64x2Max(),
} as const;
export type StreamOp = keyof typeof STREAM_OPS;

/** Which operand of a binary kernel is one value per row ("s", splat) rather than a row ("v"). */
export type BinaryForm = "vv" | "sv" | "vs";
export const BINARY_FORMS: readonly BinaryForm[] = ["vv", "sv", "vs"];

export const binaryName = (op: StreamOp, form: BinaryForm): string => `binary_${op}_${form}`;

/** `x += delta` for i32 locals. */
function advance(f: Code, x: Local, delta: Local): void {
  f.get(x).get(delta).i32Add().set(x);
}

/**
 * Runs `body(i)` for the byte offsets i = 0, 16, … of the ⌈M/2⌉ vectors of a row
 * (`rowBytes` = M·8 > 0); `i` and `end` are scratch locals.
 */
function overRow(f: Code, rowBytes: Local, i: Local, end: Local, body: () => void): void {
  f.get(rowBytes)
    .i32Const(V128 - 1)
    .i32Add()
    .i32Const(-V128)
    .i32And()
    .set(end);
  f.i32Const(0).set(i);
  f.loop((again) => {
    body();
    f.get(i).i32Const(V128).i32Add().tee(i).get(end).i32LtU().brIf(again);
  });
}

function binaryFunction(op: StreamOp, form: BinaryForm): FunctionDef {
  const { i32 } = ValType;
  const f = new Code([i32, i32, i32, i32, i32, i32, i32, i32, i32, i32]);
  const [a, aP, aJ, b, bP, bJ, out, P, J, M] = Array.from({ length: 10 }, (_, i) => f.param(i));
  const [ra, rb, j, i, end, rowBytes] = [f.local(i32), f.local(i32), f.local(i32), f.local(i32), f.local(i32), f.local(i32)];
  const load = (row: Local, splat: boolean) => (splat ? f.get(row).v128Load64Splat() : f.get(row).get(i).i32Add().v128Load());

  f.get(M).i32Const(F64).i32Mul().set(rowBytes);
  f.block((exit) => {
    f.get(P).i32Eqz().brIf(exit);
    f.get(J).i32Eqz().brIf(exit);
    f.get(M).i32Eqz().brIf(exit);
    f.loop((nextPoint) => {
      f.get(a).set(ra);
      f.get(b).set(rb);
      f.get(J).set(j);
      f.loop((nextRow) => {
        overRow(f, rowBytes, i, end, () => {
          f.get(out).get(i).i32Add();
          load(ra, form === "sv");
          load(rb, form === "vs");
          STREAM_OPS[op](f);
          f.v128Store();
        });
        advance(f, out, rowBytes);
        advance(f, ra, aJ);
        advance(f, rb, bJ);
        f.get(j).i32Const(1).i32Sub().tee(j).brIf(nextRow);
      });
      advance(f, a, aP);
      advance(f, b, bP);
      f.get(P).i32Const(1).i32Sub().tee(P).brIf(nextPoint);
    });
  });
  return f.function(binaryName(op, form));
}

function secondChainFunction(withFirstOrder: boolean): FunctionDef {
  const { i32 } = ValType;
  const count = withFirstOrder ? 13 : 9;
  const f = new Code(new Array<ValType>(count).fill(i32));
  const params = Array.from({ length: count }, (_, k) => f.param(k));
  const [g2, g2P, x1, x1P] = params as [Local, Local, Local, Local];
  // g1, g1P, x2, x2P: only with the first-order term.
  const [g1, g1P, x2, x2P] = params.slice(4, count - 5);
  const [out, P, pairs, K, M] = params.slice(count - 5) as [Local, Local, Local, Local, Local];
  const [t, k, xa, xb, x2r, i, end, rowBytes] = Array.from({ length: 8 }, () => f.local(i32)) as [
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
  ];

  f.get(M).i32Const(F64).i32Mul().set(rowBytes);
  f.block((exit) => {
    f.get(P).i32Eqz().brIf(exit);
    f.get(K).i32Eqz().brIf(exit);
    f.get(M).i32Eqz().brIf(exit);
    f.loop((nextPoint) => {
      f.get(pairs).set(t);
      f.get(K).set(k);
      if (withFirstOrder) f.get(x2!).set(x2r);
      f.loop((nextPair) => {
        f.get(x1).get(t).i32Load(0).i32Add().set(xa);
        f.get(x1).get(t).i32Load(4).i32Add().set(xb);
        overRow(f, rowBytes, i, end, () => {
          f.get(out).get(i).i32Add();
          if (withFirstOrder) {
            f.get(g1!).get(i).i32Add().v128Load();
            f.get(x2r).get(i).i32Add().v128Load().f64x2Mul();
          }
          f.get(g2).get(i).i32Add().v128Load();
          f.get(xa).get(i).i32Add().v128Load().f64x2Mul();
          f.get(xb).get(i).i32Add().v128Load().f64x2Mul();
          if (withFirstOrder) f.f64x2Add();
          f.v128Store();
        });
        advance(f, out, rowBytes);
        if (withFirstOrder) advance(f, x2r, rowBytes);
        f.get(t)
          .i32Const(2 * 4)
          .i32Add()
          .set(t);
        f.get(k).i32Const(1).i32Sub().tee(k).brIf(nextPair);
      });
      advance(f, g2, g2P);
      advance(f, x1, x1P);
      if (withFirstOrder) {
        advance(f, g1!, g1P!);
        advance(f, x2!, x2P!);
      }
      f.get(P).i32Const(1).i32Sub().tee(P).brIf(nextPoint);
    });
  });
  return f.function(withFirstOrder ? "second_chain" : "second_chain_pure");
}

/** The streaming module: its functions' names, in its order, and its bytes. */
export interface StreamModule {
  readonly names: readonly string[];
  /** The bytes, the memory exported, or imported and shared between threads where `shared`. */
  bytes(shared: boolean): Uint8Array<ArrayBuffer>;
}

/**
 * The module: every binary kernel, both second-order chains, the GELU stacks,
 * and a memory of `minPages` to `maxPages` 64 KiB pages. Its functions are
 * written once, for the names and for the bytes.
 */
export function streamModule(minPages: number, maxPages: number): StreamModule {
  const binaries = (Object.keys(STREAM_OPS) as StreamOp[]).flatMap((op) => BINARY_FORMS.map((form) => binaryFunction(op, form)));
  const functions: FunctionDef[] = [
    ...binaries,
    secondChainFunction(true),
    secondChainFunction(false),
    ...geluVariants().map(([order, count]) => geluFunction(order, count)),
  ];
  return {
    names: functions.map((f) => f.name),
    bytes: (shared) => encodeModule({ memory: { name: "memory", min: minPages, max: maxPages, imported: shared, shared }, functions }),
  };
}
