/** Whether this JavaScript engine runs WebAssembly with 128-bit SIMD. */
import { Code } from "./code.js";
import { encodeModule } from "./encoder.js";

/** The smallest module using SIMD: a function that makes a zero vector and drops it. */
function probeBytes(): Uint8Array<ArrayBuffer> {
  const f = new Code([]);
  f.v128Zero().drop();
  return encodeModule({ functions: [f.function("probe")] });
}

/** Whether the page may compile WebAssembly at all: a Content-Security-Policy without 'wasm-unsafe-eval' forbids it. */
function compiles(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    new WebAssembly.Module(bytes);
    return true;
  } catch {
    return false;
  }
}

let supported: boolean | undefined;

/**
 * True when `WebAssembly` exists, validates a module with a `v128` instruction
 * (Node 16.4+, Chromium 91+, Firefox 89+, Safari 16.4+) and may compile it.
 * Checked once.
 */
export function simdSupported(): boolean {
  if (supported === undefined) {
    supported = typeof WebAssembly === "object" && typeof WebAssembly.validate === "function";
    if (supported) {
      const probe = probeBytes();
      supported = WebAssembly.validate(probe) && compiles(probe);
    }
  }
  return supported;
}
