import {
  loadNnbma,
  loadOnnx,
  loadSafetensors,
  sourceFromUrl,
  UnsupportedBackendError,
  type LoadOptions,
  type Model,
  type NnbmaSource,
} from "@nabla/models";
import { loadModelSource, UnsupportedSourceError, type ModelSource } from "@nabla/pipeline";
import { manifestUrl, type ModelManifest } from "./manifest.js";

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new UnsupportedSourceError(`${what}: the file could not be read (HTTP ${response.status} for ${url})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** An nnbma folder whose files are listed by URL (files picked in the page). */
function urlMapSource(name: string, files: Readonly<Record<string, string>>): NnbmaSource {
  const names = Object.keys(files);
  return {
    location: name,
    read: async (path) => {
      const url = files[path.replace(/^\.?\//, "")];
      return url === undefined ? undefined : fetchBytes(url, `${name}/${path}`);
    },
    list: async (dir) => {
      const prefix = dir === "" ? "" : dir.replace(/\/?$/, "/");
      return [...new Set(names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length).split("/")[0]!))].sort();
    },
  };
}

/** Opens the network a manifest describes, its weights made as `options` say (an nnbma folder only goes to another backend than the CPU). */
export async function loadFromManifest(manifest: ModelManifest, options: LoadOptions = {}): Promise<Model> {
  if (manifest.format !== "nnbma" && options.backend !== undefined && options.backend.name !== "cpu") {
    throw new UnsupportedBackendError(
      manifest.name,
      `${manifest.name}: ${manifest.format === "onnx" ? "ONNX" : "safetensors"} networks are made on the CPU backend only, not on "${options.backend.name}"; compute on the CPU, or open an nnbma folder for the GPU.`,
    );
  }
  switch (manifest.format) {
    case "nnbma":
      return loadNnbma(
        manifest.base ? sourceFromUrl(manifest.base, { files: Object.keys(manifest.files) }) : urlMapSource(manifest.name, manifest.files),
        options,
      );
    case "onnx":
      return loadOnnx(await fetchBytes(manifest.file, manifest.name), manifest.name);
    case "safetensors": {
      const [bytes, spec] = await Promise.all([fetchBytes(manifest.file, manifest.name), fetchBytes(manifest.spec, manifest.specName)]);
      return loadSafetensors(bytes, new TextDecoder().decode(spec), manifest.name, manifest.specName);
    }
  }
}

/** The workers' model loader: a path is a manifest's URL (see manifest.ts); other sources as the pipeline opens them. */
export async function loadModel(source: ModelSource, options: LoadOptions = {}): Promise<Model> {
  if (source.kind !== "path") return loadModelSource(source, options);
  const url = manifestUrl(source.path);
  const response = await fetch(url);
  if (!response.ok) throw new UnsupportedSourceError(`model ${source.path}: its manifest could not be read (HTTP ${response.status})`);
  return loadFromManifest((await response.json()) as ModelManifest, options);
}
