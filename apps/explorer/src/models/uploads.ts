import type { ModelManifest } from "./manifest.js";

/** What the explorer needs of a picked `File`. */
export interface PickedFile extends Blob {
  readonly name: string;
  readonly webkitRelativePath?: string;
}

/** Thrown when picked files are not what the picker asks for; the message says what is expected. */
export class UploadError extends Error {
  override name = "UploadError";
}

const blobUrl = (file: Blob) => URL.createObjectURL(file);

/**
 * A folder picked with `<input type="file" webkitdirectory>`: its files by
 * their path inside it (the folder's own name, which starts every
 * `webkitRelativePath`, removed and kept as the network's name).
 */
export function nnbmaFolderManifest(files: readonly PickedFile[]): ModelManifest {
  if (files.length === 0) throw new UploadError("no files were picked; choose the folder that nnbma's NeuralNetwork.save wrote (it holds init.pkl)");
  const paths = files.map((f) => (f.webkitRelativePath || f.name).replace(/\\/g, "/"));
  const parts = paths.map((p) => p.split("/"));
  const root = parts.every((p) => p.length > 1 && p[0] === parts[0]![0]) ? parts[0]![0]! : "";
  const relative = paths.map((p) => (root ? p.slice(root.length + 1) : p));
  if (!relative.includes("init.pkl")) {
    throw new UploadError(
      `${root || "the picked files"}: no init.pkl at the top of the folder; choose the folder that nnbma's NeuralNetwork.save wrote`,
    );
  }
  return { format: "nnbma", name: root || "picked folder", files: Object.fromEntries(relative.map((p, i) => [p, blobUrl(files[i]!)])) };
}

/** An ONNX file. */
export function onnxManifest(files: readonly PickedFile[]): ModelManifest {
  const file = files.find((f) => /\.onnx$/i.test(f.name)) ?? files[0];
  if (!file) throw new UploadError("no file was picked; choose a .onnx file");
  return { format: "onnx", name: file.name, file: blobUrl(file) };
}

/** A safetensors file and its architecture spec, picked together. */
export function safetensorsManifest(files: readonly PickedFile[]): ModelManifest {
  const weights = files.find((f) => /\.safetensors$/i.test(f.name));
  const spec = files.find((f) => /\.json$/i.test(f.name));
  if (!weights || !spec) {
    throw new UploadError(
      `picked ${files.map((f) => f.name).join(", ") || "nothing"}; choose two files together: the weights (.safetensors) and the architecture spec (.json)`,
    );
  }
  return { format: "safetensors", name: weights.name, file: blobUrl(weights), spec: blobUrl(spec), specName: spec.name };
}
