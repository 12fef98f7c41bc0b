/**
 * How the page tells the derivative workers where a network is. The
 * pipeline's model source is `{kind: "path", path}`; in the explorer a path
 * is the URL of a manifest (JSON) listing the network's files by URL, and
 * the name shown after "#/". A folder served with the site, a picked folder
 * and single files all travel this way: the worker fetches the files itself,
 * once, and keeps the model under the same path.
 */
export type ModelManifest =
  /** An nnbma folder: the files by their path inside it; `base` when they are served under one folder URL. */
  | { readonly format: "nnbma"; readonly name: string; readonly files: Readonly<Record<string, string>>; readonly base?: string }
  | { readonly format: "onnx"; readonly name: string; readonly file: string }
  /** A safetensors file and its architecture spec (JSON). */
  | { readonly format: "safetensors"; readonly name: string; readonly file: string; readonly spec: string; readonly specName: string };

/** The manifest as a path: a blob URL of its JSON, with the network's name after "#/". */
export function manifestPath(manifest: ModelManifest): string {
  const url = URL.createObjectURL(new Blob([JSON.stringify(manifest)], { type: "application/json" }));
  return `${url}#/${manifest.name}`;
}

/** The URL of a path's manifest (the path without its name). */
export const manifestUrl = (path: string): string => path.replace(/#.*$/, "");

/** Frees a manifest's URL and those of the files it lists (blob URLs only). */
export function revokeManifest(path: string, manifest: ModelManifest): void {
  const urls =
    manifest.format === "nnbma" ? Object.values(manifest.files) : manifest.format === "onnx" ? [manifest.file] : [manifest.file, manifest.spec];
  for (const url of [manifestUrl(path), ...urls]) if (url.startsWith("blob:")) URL.revokeObjectURL(url);
}
