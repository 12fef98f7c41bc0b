/** Writes safetensors files for tests: the 8-byte header length, the JSON header (space-padded to 8 bytes), the data. */

export interface SafetensorSpec {
  name: string;
  /** F32 and F64 values are encoded; any other dtype takes `bytes` as given. */
  dtype: string;
  shape: readonly number[];
  values?: ArrayLike<number>;
  bytes?: Uint8Array;
}

export function writeSafetensors(tensors: readonly SafetensorSpec[], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header["__metadata__"] = metadata;
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    let blob = t.bytes;
    if (blob === undefined) {
      const values = t.values ?? [];
      const size = t.dtype === "F32" ? 4 : 8;
      blob = new Uint8Array(size * values.length);
      const view = new DataView(blob.buffer);
      for (let i = 0; i < values.length; i++) {
        if (size === 4) view.setFloat32(4 * i, values[i]!, true);
        else view.setFloat64(8 * i, values[i]!, true);
      }
    }
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + blob.length] };
    blobs.push(blob);
    offset += blob.length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.length;
  }
  return out;
}
