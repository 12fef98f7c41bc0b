/// <reference types="node" />
/**
 * Node entry point (`@nabla/models/node`): nnbma folders read from a directory on disk.
 * The main entry point has no Node dependency, so it also runs in browsers.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { MissingFileError, NotAnNnbmaFolderError, SourceReadError } from "./errors.js";
import { readNnbmaFolder } from "./nnbma/readFolder.js";
import type { NnbmaSource } from "./nnbma/source.js";
import type { NnbmaNetworkSpec } from "./nnbma/spec.js";

const ABSENT = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

function checkedPath(root: string, path: string): string {
  const parts = path.replace(/\\/g, "/").split("/").filter((p) => p !== "" && p !== ".");
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
