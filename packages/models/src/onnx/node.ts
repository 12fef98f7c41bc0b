/// <reference types="node" />
/** Node helper: an ONNX model read from a file on disk (the only module here that uses `fs`). */
import { readFile } from "node:fs/promises";
import { MissingFileError, SourceReadError } from "../errors.js";
import type { Model } from "../model.js";
import { loadOnnx } from "./loadOnnx.js";

/** Reads and opens the ONNX model at `path` (see `loadOnnx`); errors name `path`. */
export async function loadOnnxFile(path: string): Promise<Model> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new MissingFileError(path, `${path}: no such file; expected an ONNX model (.onnx).`, { cause: error });
    throw new SourceReadError(path, `${path}: could not be read (${(error as Error).message}).`, { cause: error });
  }
  return loadOnnx(bytes, path);
}
