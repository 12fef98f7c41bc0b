/** Whether this JavaScript engine runs WebAssembly with 128-bit SIMD. */
import { Code } from "./code.js";
import { encodeModule } from "./encoder.js";

/** The smallest module using SIMD: a function that makes a zero vector and drops it. */
function probeBytes(): Uint8Array<ArrayBuffer> {
  const f = new Code([]);
  f.v128Zero().drop();
  return encodeModule({ functions: [f.function("probe")] });
}

let supported: boolean | undefined;

/** True when `WebAssembly` exists and validates a module with a `v128` instruction (Node 16.4+, Chromium 91+, Firefox 89+, Safari 16.4+). */
export function simdSupported(): boolean {
  supported ??= typeof WebAssembly === "object" && typeof WebAssembly.validate === "function" && WebAssembly.validate(probeBytes());
  return supported;
}
