/** Bytes read per file, at most: enough to tell networks apart, cheap for large ones. */
const SAMPLES = 65_536;

const digests = new WeakMap<object, string>();

/** FNV-1a, 32 bits, continued from `hash` over `bytes` taken every `step`. */
function fnv1a(hash: number, bytes: Uint8Array, step = 1): number {
  for (let i = 0; i < bytes.length; i += step) hash = Math.imul(hash ^ bytes[i]!, 0x01000193) >>> 0;
  return hash;
}

const text = new TextEncoder();

/**
 * A short digest of a folder's files in memory: their names, their sizes, and
 * up to 64 KiB of each file's bytes, evenly spread (all of a smaller file).
 * Equal files give equal digests in any thread, so a worker that receives a
 * copy of files it has opened before knows them; retrained weights, which
 * differ everywhere, give another. Kept per files object, so it is computed once.
 */
export function filesDigest(files: Readonly<Record<string, Uint8Array>>): string {
  const known = digests.get(files);
  if (known !== undefined) return known;
  const names = Object.keys(files).sort();
  let hash = 0x811c9dc5;
  for (const name of names) {
    const bytes = files[name]!;
    hash = fnv1a(hash, text.encode(`${name}\0${bytes.length}\0`));
    hash = fnv1a(hash, bytes, Math.max(1, Math.floor(bytes.length / SAMPLES)));
  }
  const digest = `${names.length}:${names.reduce((n, name) => n + files[name]!.length, 0)}:${hash.toString(16).padStart(8, "0")}`;
  digests.set(files, digest);
  return digest;
}
