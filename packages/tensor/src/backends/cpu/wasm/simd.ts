/** Whether this JavaScript engine runs WebAssembly with 128-bit SIMD, and with relaxed SIMD's fused multiply-add. */
import { Code } from "./code.js";
import { encodeModule } from "./encoder.js";
import { nodeBuiltin } from "./node.js";

/** A module of one function whose body is `body`, dropping what it leaves. */
function probeBytes(body: (f: Code) => void): Uint8Array<ArrayBuffer> {
  const f = new Code([]);
  body(f);
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
      const probe = probeBytes((f) => f.v128Zero().drop());
      supported = WebAssembly.validate(probe) && compiles(probe);
    }
  }
  return supported;
}

let relaxed: boolean | undefined;

/**
 * True when the engine compiles `f64x2.relaxed_madd` (Chromium 114+, Node 22+).
 * Node 20's V8 has relaxed SIMD complete but behind
 * `--experimental-wasm-relaxed-simd`; there (20.16+, which can reach `node:v8`
 * synchronously) the flag is set before asking again — it adds the
 * instructions and changes nothing else. Checked once.
 */
export function relaxedSimdSupported(): boolean {
  if (relaxed === undefined) {
    const probe = probeBytes((f) => f.v128Zero().v128Zero().v128Zero().f64x2RelaxedMadd().drop());
    relaxed = simdSupported() && WebAssembly.validate(probe);
    if (!relaxed && simdSupported()) {
      const v8 = nodeBuiltin("node:v8");
      if (v8) {
        v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
        relaxed = WebAssembly.validate(probe);
      }
    }
    relaxed &&= compiles(probe);
  }
  return relaxed;
}
