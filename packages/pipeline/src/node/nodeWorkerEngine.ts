import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { DerivativeEngine } from "../engine/engine.js";
import { workerEngine } from "../engine/workerEngine.js";
import { nodeWorkerHandle } from "./workerHandle.js";

export interface NodeWorkerEngineOptions {
  readonly resourceLimits?: ResourceLimits;
}

/** The worker's entry beside this module: `worker.js` in the built package, `worker.ts` in the sources. */
export const workerEntry = (): URL => new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);

/** The ESM entry of tsx's API (`register`), as a file URL, from tsx's own export map. */
function tsxApi(): string {
  if (typeof import.meta.resolve === "function") return import.meta.resolve("tsx/esm/api");
  // Where the sources are compiled to CommonJS on the fly, import.meta.resolve is missing and
  // require.resolve would give the CommonJS build: read the ESM one from the export map.
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return new URL(exports["./esm/api"]!.import.default, pathToFileURL(manifest)).href;
}

/**
 * The worker thread's starting module. From the built package, the entry
 * itself. From the sources, run under tsx: Node 20 runs neither the parent's
 * `--import tsx` nor tsx's loader in worker threads, so a one-line module
 * registers tsx's hooks in the worker first, then imports the TypeScript entry.
 */
function startingModule(entry: URL): URL {
  if (!entry.pathname.endsWith(".ts")) return entry;
  let api: string;
  try {
    api = tsxApi();
  } catch {
    return entry; // another TypeScript loader: it has to reach workers by itself
  }
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * An engine computing in a Node worker thread, which opens models from disk
 * ({kind: "path"}). Each engine has its own thread: k engines compute k
 * requests at once. `close()` ends the thread.
 */
export function nodeWorkerEngine(options: NodeWorkerEngineOptions = {}): DerivativeEngine {
  const worker = new Worker(startingModule(workerEntry()), { ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}) });
  return workerEngine(nodeWorkerHandle(worker));
}
