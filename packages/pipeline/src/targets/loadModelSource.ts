import { loadNnbma, sourceFromFiles } from "@nabla/models";
import { UnsupportedSourceError } from "../errors.js";
import type { Model } from "../model.js";
import type { ModelSource } from "./sources.js";

/**
 * The loader that runs anywhere: models in memory and nnbma folders given as
 * files. A path needs the Node loader (`loadModelFromDisk` in "@nabla/pipeline/node").
 */
export async function loadModelSource(source: ModelSource): Promise<Model> {
  switch (source.kind) {
    case "inline":
      return source.model;
    case "files":
      return loadNnbma(sourceFromFiles(source.files, source.location));
    case "path":
      throw new UnsupportedSourceError(
        `model "${source.path}": a path can only be opened in Node (engine from "@nabla/pipeline/node"); here, give the folder's files ({kind: "files"})`,
      );
  }
}
