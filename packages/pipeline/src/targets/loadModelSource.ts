import { loadNnbma, sourceFromFiles, type LoadOptions } from "@nabla/models";
import { cpu } from "@nabla/tensor";
import { UnsupportedSourceError } from "../errors.js";
import type { Model } from "../model.js";
import type { ModelSource } from "./sources.js";

/**
 * The loader that runs anywhere: models in memory and nnbma folders given as
 * files. A path needs the Node loader (`loadModelFromDisk` in "@nabla/pipeline/node").
 */
export async function loadModelSource(source: ModelSource, options: LoadOptions = {}): Promise<Model> {
  switch (source.kind) {
    case "inline":
      if (options.backend !== undefined && options.backend !== cpu) {
        throw new UnsupportedSourceError(
          `model "${source.title ?? "inline"}": a model given as an object is already made on its backend and cannot move to "${options.backend.name}"; give its files ({kind: "files"}) or its path`,
        );
      }
      return source.model;
    case "files":
      return loadNnbma(sourceFromFiles(source.files, source.location), options);
    case "path":
      throw new UnsupportedSourceError(
        `model "${source.path}": a path can only be opened in Node (engine from "@nabla/pipeline/node"); here, give the folder's files ({kind: "files"})`,
      );
  }
}
