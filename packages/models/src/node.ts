/// <reference types="node" />
/**
 * Node entry point (`@nabla/models/node`): models opened from a path on disk.
 * The main entry point has no Node dependency, so it also runs in browsers.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type { Stats } from "node:fs";
import { cpu } from "@nabla/tensor";
import { MissingFileError, NotAnNnbmaFolderError, SourceReadError, UnsupportedBackendError, UnsupportedModelFormatError } from "./errors.js";
import type { LoadOptions, Model, ModelFormat } from "./model.js";

/** Options of `loadModel`: those of every format, and the architecture spec a safetensors file needs. */
export interface LoadModelOptions extends LoadOptions {
  /** The safetensors architecture spec: a JSON file's path or the object. */
  readonly spec?: string | object;
}
import { loadNnbma } from "./nnbma/model.js";
import { loadOnnxFile } from "./onnx/node.js";
import { loadSafetensorsFile } from "./safetensors/node.js";
import { readNnbmaFolder } from "./nnbma/readFolder.js";
import type { NnbmaSource } from "./nnbma/source.js";
import type { NnbmaNetworkSpec } from "./nnbma/spec.js";

const ABSENT = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

function checkedPath(root: string, path: string): string {
  const parts = path
    .replace(/\\/g, "/")
    .split("/")
    .filter((p) => p !== "" && p !== ".");
  if (isAbsolute(path) || parts.includes("..")) {
    throw new SourceReadError(root, `${root}: refused to read "${path}", which lies outside the folder.`);
  }
  return join(root, ...parts);
}

/** A source over a directory on disk. Paths are checked to stay inside it. */
export function directorySource(dir: string): NnbmaSource {
  const root = resolve(dir);
  return {
    location: dir,
    read: async (path) => {
      const full = checkedPath(root, path);
      try {
        return new Uint8Array(await readFile(full));
      } catch (error) {
        if (ABSENT.has((error as NodeJS.ErrnoException).code ?? "")) return undefined;
        throw new SourceReadError(full, `${full}: could not be read (${(error as Error).message}).`, { cause: error });
      }
    },
    list: async (path) => {
      try {
        return (await readdir(checkedPath(root, path))).sort();
      } catch {
        return undefined;
      }
    },
  };
}

/** Reads the nnbma network folder at `dir` (see `readNnbmaFolder`). */
export async function readNnbmaDirectory(dir: string): Promise<NnbmaNetworkSpec> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new MissingFileError(dir, `${dir}: no such folder; expected an nnbma network folder.`);
    }
    throw new SourceReadError(dir, `${dir}: could not be read (${(error as Error).message}).`, { cause: error });
  }
  if (!info.isDirectory()) {
    throw new NotAnNnbmaFolderError(dir, `${dir}: is a file; expected an nnbma network folder (init.pkl, argument files, state_dict.pth).`);
  }
  return readNnbmaFolder(directorySource(dir));
}

/** What `loadModel` opens, for messages. */
const SUPPORTED =
  "an nnbma network folder (a directory holding init.pkl, its argument files and state_dict.pth), an ONNX file (.onnx) " +
  "or a safetensors file (.safetensors) with its architecture spec (the `spec` option, or a .json file of the same name beside it)";

/**
 * Which format the thing at `path` is in, or undefined when none is supported: the one
 * place where a new format (a file extension, a magic number) is recognized.
 */
function formatOf(path: string, info: Stats): ModelFormat | undefined {
  if (info.isDirectory()) return "nnbma";
  if (/\.onnx$/i.test(path)) return "onnx";
  if (/\.safetensors$/i.test(path)) return "safetensors";
  return undefined;
}

/**
 * Opens the model at `path` as differentiable functions (see `Model`): a directory is an
 * nnbma network folder. Anything else is refused with an error naming the path and what
 * is supported.
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<Model> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new MissingFileError(path, `${path}: no such file or folder; expected ${SUPPORTED}.`);
    }
    throw new SourceReadError(path, `${path}: could not be read (${(error as Error).message}).`, { cause: error });
  }
  const format = formatOf(path, info);
  if (format !== undefined && format !== "nnbma" && options.backend !== undefined && options.backend !== cpu) {
    throw new UnsupportedBackendError(
      path,
      `${path}: ${format === "onnx" ? "ONNX" : "safetensors"} models are made on the CPU backend only, not on "${options.backend.name}"; use an nnbma network folder for another backend.`,
    );
  }
  switch (format) {
    case "nnbma":
      return loadNnbma(directorySource(path), options);
    case "onnx":
      return loadOnnxFile(path);
    case "safetensors":
      return loadSafetensorsFile(path, options.spec ?? path.replace(/\.safetensors$/i, ".json"));
    default:
      throw new UnsupportedModelFormatError(
        path,
        `${path}: is ${info.isFile() ? "a file" : "not a folder"} in no format nabla opens; expected ${SUPPORTED}.`,
      );
  }
}

export { loadOnnxFile, loadSafetensorsFile };
