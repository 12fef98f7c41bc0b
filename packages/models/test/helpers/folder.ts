import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir`, keyed by its `/`-separated path relative to `dir`. */
export function folderFiles(dir: string, prefix = ""): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const rel = prefix === "" ? name : `${prefix}/${name}`;
    if (statSync(full).isDirectory()) for (const [k, v] of folderFiles(full, rel)) out.set(k, v);
    else out.set(rel, new Uint8Array(readFileSync(full)));
  }
  return out;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A file's bytes as a plain Uint8Array (not a Node Buffer). */
export function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
