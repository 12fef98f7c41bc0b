import { loadModel } from "@nabla/models/node";
import type { LoadOptions } from "@nabla/models";
import type { Model } from "../model.js";
import type { ModelSource } from "../targets/sources.js";
import { loadModelSource } from "../targets/loadModelSource.js";

/** The Node loader: paths through `loadModel` of "@nabla/models/node", the rest as `loadModelSource`. */
export async function loadModelFromDisk(source: ModelSource, options: LoadOptions = {}): Promise<Model> {
  return source.kind === "path" ? loadModel(source.path, options) : loadModelSource(source, options);
}
