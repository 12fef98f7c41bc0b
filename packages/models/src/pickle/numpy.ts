import { ELEMENT_SIZE, type ElementType, type NumericArray, contiguousStrides, gatherStrided, sizeOf, viewElements } from "../binary.js";
import { PickleFormatError } from "../errors.js";
import { type GlobalBehaviour, type PickleContext, PickleGlobal, PyInstance, describePy, isSequence } from "./values.js";

/** A numpy dtype, as far as nabla reads it: a plain numeric type and its byte order. */
export interface NumpyDtype {
  readonly kind: "numpy.dtype";
  readonly type: ElementType;
  readonly littleEndian: boolean;
}

/** A numpy array, in row-major order, with its values in host byte order. */
export interface NumpyArray {
  readonly kind: "numpy.ndarray";
  readonly dtype: ElementType;
  readonly shape: readonly number[];
  readonly data: NumericArray;
}

/** A numpy scalar (`numpy.float64(2.5)`…). */
export interface NumpyScalar {
  readonly kind: "numpy.scalar";
  readonly dtype: ElementType;
  readonly value: number | bigint | boolean;
}

export function isNumpyArray(value: unknown): value is NumpyArray {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "numpy.ndarray";
}

export function isNumpyScalar(value: unknown): value is NumpyScalar {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "numpy.scalar";
}

const TYPE_CODES: Readonly<Record<string, ElementType>> = {
  f4: "float32",
  f8: "float64",
  i1: "int8",
  i2: "int16",
  i4: "int32",
  i8: "int64",
  u1: "uint8",
  u2: "uint16",
  u4: "uint32",
  u8: "uint64",
  b1: "bool",
  float32: "float32",
  float64: "float64",
  int8: "int8",
  int16: "int16",
  int32: "int32",
  int64: "int64",
  uint8: "uint8",
  uint16: "uint16",
  uint32: "uint32",
  uint64: "uint64",
  bool: "bool",
};

function fail(ctx: PickleContext, message: string): PickleFormatError {
  return new PickleFormatError(ctx.file, `${ctx.file}: ${message}.`);
}

/** `numpy.dtype(code, align, copy)` then `BUILD` with its state tuple. */
export const numpyDtype: GlobalBehaviour = {
  call: (args) => new PyInstance("numpy.dtype", args, new Map(), finalizeDtype),
  construct: (args, kwargs) => new PyInstance("numpy.dtype", args, kwargs, finalizeDtype),
};

function finalizeDtype(instance: PyInstance, ctx: PickleContext): NumpyDtype {
  const code = instance.args[0];
  const type = typeof code === "string" ? TYPE_CODES[code.replace(/^[<>=|]/, "")] : undefined;
  if (type === undefined) {
    throw fail(ctx, `numpy dtype ${describePy(code)} is not supported; expected a plain float, int or bool dtype (f4, f8, i1…i8, u1…u8, b1)`);
  }
  let order = typeof code === "string" && /^[<>=|]/.test(code) ? code[0]! : "<";
  const state = instance.state;
  if (state !== undefined) {
    if (!isSequence(state) || state.length < 8) throw fail(ctx, `numpy dtype state is ${describePy(state)}; expected an 8- or 9-tuple`);
    if (state[2] !== null || state[3] !== null || state[4] !== null) {
      throw fail(ctx, "structured or sub-array numpy dtypes are not supported; expected a plain numeric dtype");
    }
    if (typeof state[1] === "string") order = state[1];
  }
  return { kind: "numpy.dtype", type, littleEndian: order !== ">" };
}

function expectDtype(value: unknown, ctx: PickleContext): NumpyDtype {
  if (typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "numpy.dtype") {
    return value as NumpyDtype;
  }
  throw fail(ctx, `expected a numpy dtype, found ${describePy(value)}`);
}

function expectShape(value: unknown, ctx: PickleContext): number[] {
  if (isSequence(value) && value.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)) {
    return value as number[];
  }
  throw fail(ctx, `expected an array shape (a tuple of non-negative ints), found ${describePy(value)}`);
}

function rawBytes(value: unknown, ctx: PickleContext): Uint8Array {
  if (value instanceof Uint8Array) return value;
  // Protocol-0/2 pickles from Python 2 store the buffer as a latin-1 str.
  if (typeof value === "string") return Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);
  throw fail(ctx, `numpy array data is ${describePy(value)}; expected raw bytes (object arrays are not supported)`);
}

function makeArray(dtype: NumpyDtype, shape: number[], bytes: Uint8Array, fortran: boolean, ctx: PickleContext): NumpyArray {
  const count = sizeOf(shape);
  const need = count * ELEMENT_SIZE[dtype.type];
  if (bytes.length !== need) {
    throw fail(ctx, `numpy array of shape [${shape.join(", ")}] (${dtype.type}) needs ${need} bytes of data, found ${bytes.length}`);
  }
  let data = viewElements(bytes, dtype.type, count, dtype.littleEndian);
  if (fortran && shape.length > 1) {
    // Column-major storage: element (i0, i1, …) sits at i0 + i1·d0 + …
    const reversed = contiguousStrides([...shape].reverse()).reverse();
    data = gatherStrided(data, 0, shape, reversed);
  }
  return { kind: "numpy.ndarray", dtype: dtype.type, shape, data };
}

/** `numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')` then `BUILD`. */
export function numpyReconstruct(ndarray: () => PickleGlobal): GlobalBehaviour {
  return {
    call: (args, ctx) => {
      if (args[0] !== ndarray()) {
        throw fail(ctx, `_reconstruct can only rebuild numpy.ndarray, found ${describePy(args[0])}`);
      }
      return new PyInstance("numpy.ndarray", [], new Map(), finalizeNdarray);
    },
  };
}

function finalizeNdarray(instance: PyInstance, ctx: PickleContext): NumpyArray {
  const raw = instance.state;
  if (!isSequence(raw)) throw fail(ctx, `numpy array state is ${describePy(raw)}; expected a tuple`);
  const state = raw.length === 5 ? raw.slice(1) : raw; // without the format version
  if (state.length !== 4) throw fail(ctx, `numpy array state has ${state.length} items; expected 4 or 5`);
  const [shape, dtype, fortran, data] = state;
  return makeArray(expectDtype(dtype, ctx), expectShape(shape, ctx), rawBytes(data, ctx), fortran === true, ctx);
}

/** `numpy.core.numeric._frombuffer(buffer, dtype, shape, order)` (protocol 5). */
export const numpyFromBuffer: GlobalBehaviour = {
  call: (args) => new PyInstance("numpy.ndarray", args, new Map(), finalizeFromBuffer),
};

function finalizeFromBuffer(instance: PyInstance, ctx: PickleContext): NumpyArray {
  const [buffer, dtype, shape, order] = instance.args;
  return makeArray(expectDtype(dtype, ctx), expectShape(shape, ctx), rawBytes(buffer, ctx), order === "F", ctx);
}

/** `numpy.core.multiarray.scalar(dtype, bytes)`. */
export const numpyScalar: GlobalBehaviour = {
  call: (args) => new PyInstance("numpy.scalar", args, new Map(), finalizeScalar),
};

function finalizeScalar(instance: PyInstance, ctx: PickleContext): NumpyScalar {
  const dtype = expectDtype(instance.args[0], ctx);
  const array = makeArray(dtype, [], rawBytes(instance.args[1], ctx), false, ctx);
  const raw = array.data[0]!;
  const value = dtype.type === "bool" ? raw !== 0 : raw;
  return { kind: "numpy.scalar", dtype: dtype.type, value };
}
