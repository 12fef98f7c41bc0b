/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each
 * tensor's name to its dtype, shape and byte range, then the raw little-endian data.
 */
import { SafetensorsFormatError, UnsupportedSafetensorsDtypeError } from "../errors.js";

/** One tensor as the header declares it; its values are read on demand (`tensorValues`). */
export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** The tensor's bytes (a view into the file). */
  readonly bytes: Uint8Array;
}

export interface SafetensorsFile {
  readonly file: string;
  /** Tensors by name, in the header's order. */
  readonly tensors: ReadonlyMap<string, SafetensorsEntry>;
  /** The header's `__metadata__` (string to string), or an empty object. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** Bytes per element of every dtype the format defines (only F32 and F64 are read). */
const DTYPE_SIZES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};

const isDimList = (v: unknown): v is number[] => Array.isArray(v) && v.every((d) => Number.isSafeInteger(d) && d >= 0);

/**
 * Reads a safetensors file's header and locates each tensor's bytes, checking every
 * declared range against the file. Throws `SafetensorsFormatError` naming `file` when the
 * header length, the JSON or an entry is malformed.
 */
export function readSafetensors(bytes: Uint8Array, file: string): SafetensorsFile {
  const fail = (message: string): never => {
    throw new SafetensorsFormatError(file, `${file}: ${message}`);
  };
  if (bytes.length < 8) fail(`the file has ${bytes.length} bytes; a safetensors file starts with an 8-byte header length.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(bytes.length - 8)) {
    fail(
      `the header length is ${declared} bytes but only ${bytes.length - 8} follow the 8-byte length; the file is truncated or not a safetensors file.`,
    );
  }
  const headerLength = Number(declared);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    fail(`the header is not valid UTF-8 JSON (${(error as Error).message}); expected a JSON object of tensor entries.`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header))
    fail("the header is not a JSON object; expected tensor names mapped to {dtype, shape, data_offsets}.");
  const data = bytes.subarray(8 + headerLength);
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.values(value).every((v) => typeof v === "string")) {
        fail("__metadata__ is not an object of strings.");
      }
      metadata = value as Record<string, string>;
      continue;
    }
    const entry = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    if (
      entry === null ||
      typeof entry !== "object" ||
      typeof entry.dtype !== "string" ||
      !isDimList(entry.shape) ||
      !isDimList(entry.data_offsets) ||
      entry.data_offsets.length !== 2
    ) {
      fail(
        `tensor "${name}" has the header entry ${JSON.stringify(value)}; expected {"dtype": string, "shape": [dims], "data_offsets": [begin, end]}.`,
      );
    }
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (begin > end || end > data.length) {
      fail(
        `tensor "${name}" has data_offsets [${begin}, ${end}] but the data section holds ${data.length} bytes; the file is truncated or corrupted.`,
      );
    }
    const size = DTYPE_SIZES[dtype];
    const count = shape.reduce((a, b) => a * b, 1);
    if (size !== undefined && end - begin !== count * size) {
      fail(
        `tensor "${name}" (${dtype}, shape [${shape.join(", ")}]) needs ${count * size} bytes but data_offsets [${begin}, ${end}] give ${end - begin}.`,
      );
    }
    tensors.set(name, { name, dtype, shape, bytes: data.subarray(begin, end) });
  }
  return { file, tensors, metadata };
}

/** A tensor's values widened exactly to float64; `UnsupportedSafetensorsDtypeError` for any dtype but F32 and F64. */
export function tensorValues(entry: SafetensorsEntry, file: string): Float64Array {
  const size = entry.dtype === "F32" ? 4 : entry.dtype === "F64" ? 8 : 0;
  if (size === 0) throw new UnsupportedSafetensorsDtypeError(file, entry.name, entry.dtype);
  const view = new DataView(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength);
  const out = new Float64Array(entry.bytes.length / size);
  if (size === 4) for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  else for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}
