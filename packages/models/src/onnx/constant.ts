/**
 * Constant tensors of an ONNX graph (initializers and `Constant` nodes): their values on the
 * host, widened exactly to float64.
 */
import { tensor, type Tensor } from "@nabla/tensor";
import { OnnxFormatError } from "../errors.js";
import { ONNX_DATA_TYPES, type OnnxTensorProto } from "./schema.js";

/** A constant known when the graph is loaded: its dims and row-major values in float64. */
export class HostTensor {
  private made: Tensor | undefined;

  constructor(
    readonly dims: readonly number[],
    readonly values: Float64Array,
    /** The ONNX element type it was stored as (`FLOAT`, `DOUBLE`, `INT64`, …). */
    readonly dataType: string,
  ) {}

  get size(): number {
    return this.values.length;
  }

  /** The values as a float64 tensor, made on first use and kept. */
  get tensor(): Tensor {
    return (this.made ??= tensor(this.values, this.dims));
  }
}

/** How each readable element type is stored: raw_data element size and reader, and the typed field. */
const READERS: Readonly<Record<string, { size: number; read: (view: DataView, at: number) => number; field: keyof OnnxTensorProto }>> = {
  FLOAT: { size: 4, read: (v, at) => v.getFloat32(at, true), field: "floatData" },
  DOUBLE: { size: 8, read: (v, at) => v.getFloat64(at, true), field: "doubleData" },
  INT64: { size: 8, read: (v, at) => int64At(v, at), field: "int64Data" },
  INT32: { size: 4, read: (v, at) => v.getInt32(at, true), field: "int32Data" },
};

function int64At(view: DataView, at: number): number {
  const value = view.getBigInt64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) return Number.NaN;
  return Number(value);
}

/**
 * Reads a `TensorProto` (an initializer or a `Constant` node's value): float32 and float64
 * from `raw_data` (little-endian) or `float_data` / `double_data`, int64 and int32 (shapes,
 * indices) from `raw_data` or `int64_data` / `int32_data`. `what` names it in errors.
 */
export function readTensorProto(proto: OnnxTensorProto, what: string, file: string): HostTensor {
  const dataType = ONNX_DATA_TYPES[proto.dataType] ?? `data type ${proto.dataType}`;
  const reader = READERS[dataType];
  if (reader === undefined) {
    throw new OnnxFormatError(file, `${file}: ${what} holds ${dataType} values, which are not read; expected FLOAT, DOUBLE, INT64 or INT32.`);
  }
  if (proto.dataLocation === 1) {
    throw new OnnxFormatError(
      file,
      `${file}: ${what} keeps its values in an external file, which is not supported; expected the values inside the model (save without external data).`,
    );
  }
  const dims = proto.dims.map((d) => {
    if (!Number.isSafeInteger(d) || d < 0)
      throw new OnnxFormatError(file, `${file}: ${what} has an invalid dimension ${d} in dims [${proto.dims.join(", ")}].`);
    return d;
  });
  const count = dims.reduce((a, b) => a * b, 1);
  const values = new Float64Array(count);
  const typed = proto[reader.field] as readonly number[];
  if (proto.rawData.length > 0) {
    if (proto.rawData.length !== count * reader.size) {
      throw new OnnxFormatError(
        file,
        `${file}: ${what} has ${proto.rawData.length} bytes of raw_data but dims [${dims.join(", ")}] of ${dataType} need ${count * reader.size}.`,
      );
    }
    const view = new DataView(proto.rawData.buffer, proto.rawData.byteOffset, proto.rawData.byteLength);
    for (let i = 0; i < count; i++) values[i] = reader.read(view, i * reader.size);
  } else if (typed.length === count) {
    for (let i = 0; i < count; i++) values[i] = typed[i]!;
  } else {
    throw new OnnxFormatError(
      file,
      `${file}: ${what} has ${typed.length} values in ${String(reader.field).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} and no raw_data, but dims [${dims.join(", ")}] need ${count}.`,
    );
  }
  if (dataType === "INT64" && values.some(Number.isNaN)) {
    throw new OnnxFormatError(file, `${file}: ${what} holds an int64 beyond ±2^53, which cannot be used as a shape or index.`);
  }
  return new HostTensor(dims, values, dataType);
}
