import type { BufferView, HostArray } from "../../backend.js";
import { Prim, type BinaryPrim, type ComparePrim, type UnaryPrim } from "../../primitives.js";
import { broadcastStrides, stridesOf, type Shape } from "../../shape.js";
import { erf } from "./erf.js";
import { geluStack } from "./geluStack.js";
import { copyRun, forEachRow, mergeDims, SHORT_RUN } from "./strided.js";
import type { StreamOp } from "./wasm/streamKernels.js";
import { sharedWasmStreams, STREAM_MIN_VALUES, type StreamOperand } from "./wasm/streams.js";

const unaryFns: { [P in UnaryPrim]: (x: number) => number } = {
  [Prim.Neg]: (x) => -x,
  [Prim.Exp]: Math.exp,
  [Prim.Log]: Math.log,
  [Prim.Log1p]: Math.log1p,
  [Prim.Expm1]: Math.expm1,
  [Prim.Sin]: Math.sin,
  [Prim.Cos]: Math.cos,
  [Prim.Tan]: Math.tan,
  [Prim.Tanh]: Math.tanh,
  [Prim.Sqrt]: Math.sqrt,
  [Prim.Abs]: Math.abs,
  [Prim.Sign]: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  [Prim.Erf]: erf,
  [Prim.Asinh]: Math.asinh,
  [Prim.Atan]: Math.atan,
  // Each branch divides by a number ≥ 1, so neither overflows nor cancels.
  [Prim.Sigmoid]: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
};

export function unary(prim: UnaryPrim, x: HostArray, out: HostArray): void {
  const n = out.length;
  // The hot ones get their own loop; the rest share one through a function call.
  switch (prim) {
    case Prim.Neg:
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      return;
    case Prim.Exp:
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      return;
    case Prim.Tanh:
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      return;
    default: {
      const f = unaryFns[prim];
      for (let i = 0; i < n; i++) out[i] = f(x[i]!);
    }
  }
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** GELU or its derivative of the given order, elementwise. */
export function gelu(x: HostArray, approximate: "none" | "tanh", order: number, out: HostArray): void {
  if (approximate === "none") return geluStack(x, order, 1, out);
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    out[i] = 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v)));
  }
}

type Row = (a: HostArray, ao: number, as: number, b: HostArray, bo: number, bs: number, out: HostArray, oo: number, n: number) => void;

// One monomorphic loop per operation keeps the inner loops free of indirect calls.
const binaryRows: { [P in BinaryPrim | ComparePrim]: Row } = {
  [Prim.Add]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! + b[bo + i * bs]!;
  },
  [Prim.Sub]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! - b[bo + i * bs]!;
  },
  [Prim.Mul]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! * b[bo + i * bs]!;
  },
  [Prim.Div]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! / b[bo + i * bs]!;
  },
  [Prim.Pow]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = Math.pow(a[ao + i * as]!, b[bo + i * bs]!);
  },
  [Prim.Max]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = Math.max(a[ao + i * as]!, b[bo + i * bs]!);
  },
  [Prim.Min]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = Math.min(a[ao + i * as]!, b[bo + i * bs]!);
  },
  [Prim.Lt]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! < b[bo + i * bs]! ? 1 : 0;
  },
  [Prim.Le]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! <= b[bo + i * bs]! ? 1 : 0;
  },
  [Prim.Gt]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! > b[bo + i * bs]! ? 1 : 0;
  },
  [Prim.Ge]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! >= b[bo + i * bs]! ? 1 : 0;
  },
  [Prim.Eq]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! === b[bo + i * bs]! ? 1 : 0;
  },
  [Prim.Ne]: (a, ao, as, b, bo, bs, o, oo, n) => {
    for (let i = 0; i < n; i++) o[oo + i] = a[ao + i * as]! !== b[bo + i * bs]! ? 1 : 0;
  },
};

const streamOps: Partial<Record<BinaryPrim | ComparePrim, StreamOp>> = {
  [Prim.Add]: "add",
  [Prim.Sub]: "sub",
  [Prim.Mul]: "mul",
  [Prim.Div]: "div",
  [Prim.Min]: "min",
  [Prim.Max]: "max",
};

/**
 * The WebAssembly kernel, where it pays: an operation it has, and an
 * output that is rows (of at least 8 values) under some broadcast — one or two
 * merged dimensions before the rows, each operand stepping along a row or
 * holding one value for it. A same-shape operation is one long row, which the
 * JavaScript loop walks about as fast as the copies would.
 */
function binaryInWasm(
  prim: BinaryPrim | ComparePrim,
  a: BufferView<HostArray>,
  b: BufferView<HostArray>,
  strides: number[][],
  outShape: Shape,
  out: HostArray,
): boolean {
  const op = streamOps[prim];
  if (op === undefined || out.length < STREAM_MIN_VALUES) return false;
  const { dims, strides: st } = mergeDims(outShape, strides.slice(0, 2));
  if (dims.length < 2 || dims.length > 3 || dims[dims.length - 1]! < 8 || st.some((s) => s[s.length - 1]! > 1)) return false;
  const streams = sharedWasmStreams();
  if (!streams) return false;
  const [P, J, M] = dims.length === 3 ? (dims as [number, number, number]) : [dims[0]!, 1, dims[1]!];
  const view = (buffer: HostArray, s: number[]): StreamOperand => ({
    buffer,
    strides: s.length === 3 ? (s as [number, number, number]) : [s[0]!, 0, s[1]!],
  });
  return streams.binary(op, view(a.buffer, st[0]!), view(b.buffer, st[1]!), P, J, M, out);
}

export function binary(prim: BinaryPrim | ComparePrim, a: BufferView<HostArray>, b: BufferView<HostArray>, outShape: Shape, out: HostArray): void {
  const rowFn = binaryRows[prim];
  const strides = [broadcastStrides(a.shape, outShape), broadcastStrides(b.shape, outShape), stridesOf(outShape)];
  if (binaryInWasm(prim, a, b, strides, outShape, out)) return;
  forEachRow(outShape, strides, ([ao, bo, oo], n, [as, bs]) => rowFn(a.buffer, ao!, as!, b.buffer, bo!, bs!, out, oo!, n));
}

export function where(c: BufferView<HostArray>, x: BufferView<HostArray>, y: BufferView<HostArray>, outShape: Shape, out: HostArray): void {
  const strides = [c, x, y].map((v) => broadcastStrides(v.shape, outShape));
  strides.push(stridesOf(outShape));
  const cb = c.buffer,
    xb = x.buffer,
    yb = y.buffer;
  forEachRow(outShape, strides, ([co, xo, yo, oo], n, [cs, xs, ys]) => {
    for (let i = 0; i < n; i++) out[oo! + i] = cb[co! + i * cs!] !== 0 ? xb[xo! + i * xs!]! : yb[yo! + i * ys!]!;
  });
}

/** Copies a strided view of `x` (offset, strides aligned to `shape`) into `out` (contiguous, or at its own offset and strides). */
export function stridedCopy(
  x: HostArray,
  offset: number,
  strides: readonly number[],
  shape: Shape,
  out: HostArray,
  outOffset = 0,
  outStrides = stridesOf(shape),
): void {
  const { dims, strides: st } = mergeDims(shape, [strides, outStrides]);
  if (dims.length >= 2 && dims.length <= 3 && dims[dims.length - 1]! < SHORT_RUN) {
    // Short rows (a stack of small matrices turned over): plain loops, where a call per row would cost more than its copy.
    const lead = 3 - dims.length;
    const [n0, n1, n2] = [...new Array<number>(lead).fill(1), ...dims] as [number, number, number];
    const [[x0, x1, x2], [o0, o1, o2]] = st.map((s) => [...new Array<number>(lead).fill(0), ...s]) as [
      [number, number, number],
      [number, number, number],
    ];
    for (let i = 0; i < n0; i++) {
      for (let j = 0; j < n1; j++) {
        const xb = offset + i * x0 + j * x1,
          ob = outOffset + i * o0 + j * o1;
        for (let k = 0; k < n2; k++) out[ob + k * o2] = x[xb + k * x2]!;
      }
    }
    return;
  }
  forEachRow(shape, [strides, outStrides], ([xo, oo], n, [xs, os]) => {
    const base = offset + xo!,
      obase = outOffset + oo!;
    if (xs === 1 && os === 1) copyRun(x, base, out, obase, n);
    else for (let i = 0; i < n; i++) out[obase + i * os!] = x[base + i * xs!]!;
  });
}
