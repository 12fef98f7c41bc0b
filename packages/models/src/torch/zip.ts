import { unzipSync } from "fflate";
import { ZipFormatError } from "../errors.js";

/** One entry of a zip's central directory. */
interface CentralEntry {
  readonly name: string;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;

/**
 * Extracts every entry of a zip archive with fflate, after checking its structure: the
 * central directory, each entry's bounds, and each entry's CRC-32 (PyTorch stores its
 * tensors uncompressed, so a checksum is the only way to notice damaged bytes).
 * Throws `ZipFormatError` naming `file` when the archive is empty, truncated or corrupted.
 */
export function readZip(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  const entries = readCentralDirectory(bytes, file);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new ZipFormatError(file, `${file}: the zip archive is corrupted (${(error as Error).message}); expected a zip as torch.save writes it.`, {
      cause: error,
    });
  }
  const out = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const data = files[entry.name];
    if (data === undefined || data.length !== entry.size) {
      throw new ZipFormatError(
        file,
        `${file}: zip entry "${entry.name}" holds ${data?.length ?? 0} bytes but its header declares ${entry.size}; the archive is truncated or corrupted.`,
      );
    }
    if (crc32(data) !== entry.crc32) {
      throw new ZipFormatError(file, `${file}: zip entry "${entry.name}" fails its CRC-32 check; the archive is corrupted.`);
    }
    out.set(entry.name, data);
  }
  return out;
}

function readCentralDirectory(bytes: Uint8Array, file: string): CentralEntry[] {
  const fail = (what: string): ZipFormatError =>
    new ZipFormatError(file, `${file}: ${what}; expected a complete zip archive as torch.save writes it.`);
  if (bytes.length === 0) throw fail("the file is empty (0 bytes)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => Number(view.getBigUint64(at, true));

  if (bytes.length < 4 || u32(0) !== LOCAL_SIGNATURE) {
    if (bytes[0] === 0x80) {
      throw fail("this is PyTorch's legacy (pre-1.6) serialization, not a zip archive");
    }
    const head = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw fail(`the file is not a zip archive (it starts with bytes ${head})`);
  }

  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(at) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) throw fail("the zip archive is truncated or corrupted: its end-of-central-directory record is missing");

  let count = u16(end + 10);
  let directorySize = u32(end + 12);
  let directoryOffset = u32(end + 16);
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR_SIGNATURE) {
    const at = u64(end - 12);
    if (at + 56 > bytes.length || u32(at) !== ZIP64_END_SIGNATURE) {
      throw fail("the zip archive is corrupted: its zip64 end record is missing");
    }
    count = u64(at + 32);
    directorySize = u64(at + 40);
    directoryOffset = u64(at + 48);
  }
  if (directoryOffset + directorySize > end) {
    throw fail("the zip archive is truncated or corrupted: its central directory lies outside the file");
  }

  const decoder = new TextDecoder();
  const entries: CentralEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(at) !== CENTRAL_SIGNATURE) {
      throw fail(`the zip archive is corrupted: central directory entry ${i} is damaged`);
    }
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (at + 46 + nameLength + extraLength + commentLength > end) {
      throw fail(`the zip archive is corrupted: central directory entry ${i} overruns the directory`);
    }
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let size = u32(at + 24);
    let compressedSize = u32(at + 20);
    let localOffset = u32(at + 42);
    // Zip64: fields saturated at 0xFFFFFFFF are in the 0x0001 extra field, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = u16(extra);
        const length = u16(extra + 2);
        if (id === 0x0001) {
          let field = extra + 4;
          if (size === 0xffffffff) {
            size = u64(field);
            field += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(field);
            field += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(field);
          break;
        }
        extra += 4 + length;
      }
    }
    if (localOffset + 30 > bytes.length || u32(localOffset) !== LOCAL_SIGNATURE) {
      throw fail(`the zip archive is corrupted: the local header of "${name}" is missing`);
    }
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) {
      throw fail(`the zip archive is truncated: entry "${name}" runs past the end of the file`);
    }
    entries.push({ name, crc32: u32(at + 16), compressedSize, size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** CRC-32 (ISO-HDLC, as zip uses it), eight bytes at a time ("slicing-by-8"). */
export function crc32(data: Uint8Array): number {
  const t = CRC_TABLES;
  let crc = 0xffffffff;
  let i = 0;
  for (const end = data.length - 7; i < end; i += 8) {
    const a = (crc ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    const b = data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24);
    crc =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + (b & 0xff)]! ^
      t[512 + ((b >>> 8) & 0xff)]! ^
      t[256 + ((b >>> 16) & 0xff)]! ^
      t[b >>> 24]!;
  }
  for (; i < data.length; i++) crc = t[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Table k (at offset 256·k) advances the CRC over a byte followed by k zero bytes. */
function makeCrcTables(): Uint32Array {
  const t = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const prev = t[256 * (k - 1) + n]!;
      t[256 * k + n] = (prev >>> 8) ^ t[prev & 0xff]!;
    }
  }
  return t;
}

const CRC_TABLES = makeCrcTables();
