/// <reference types="node" />
/** Node helper: a safetensors model and its spec read from files on disk (the only module here that uses `fs`). */
import { readFile } from "node:fs/promises";
import { MissingFileError, SourceReadError } from "../errors.js";
import type { Model } from "../model.js";
import { loadSafetensors } from "./loadSafetensors.js";

async function read(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new MissingFileError(path, `${path}: no such file; expected ${what}.`, { cause: error });
    throw new SourceReadError(path, `${path}: could not be read (${(error as Error).message}).`, { cause: error });
  }
}

/**
 * Opens the safetensors file at `path` with the architecture spec at `specPath` (a JSON file,
 * format in the package README) or given as an object; see `loadSafetensors`.
 */
export async function loadSafetensorsFile(path: string, spec: string | object): Promise<Model> {
  const bytes = await read(path, "a safetensors file");
  if (typeof spec !== "string") return loadSafetensors(bytes, spec, path);
  const text = new TextDecoder().decode(await read(spec, "an architecture spec (JSON)"));
  return loadSafetensors(bytes, text, path, spec);
}
