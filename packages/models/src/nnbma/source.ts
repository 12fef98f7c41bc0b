import { SourceReadError } from "../errors.js";

/**
 * Where an nnbma network folder's files come from: a directory on disk (see
 * `@nabla/models/node`), files picked in a browser, a map of bytes, or a base URL.
 * Paths are relative to the folder and use `/` (`"subnetwork/init.pkl"`).
 */
export interface NnbmaSource {
  /** The folder, as shown in error messages (a path, a URL, a picked folder's name). */
  readonly location: string;
  /** The file's bytes, or undefined when there is no such file. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** The names directly inside a sub-folder (`""` for the folder itself), when the source can list them. */
  list?(path: string): Promise<string[] | undefined>;
}

/** The full name of a file of a source, for messages. */
export function describeFile(source: NnbmaSource, path: string): string {
  const base = source.location.replace(/\/+$/, "");
  return path === "" ? base : `${base}/${path}`;
}

/** Normalizes a relative path: `/` separators, no leading `./` or `/`. */
function normalizePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(\.\/|\/)+/, "");
}

/** The names directly under `dir` among normalized file paths. */
function namesUnder(paths: Iterable<string>, dir: string): string[] {
  const prefix = normalizePath(dir) === "" ? "" : normalizePath(dir).replace(/\/?$/, "/");
  const names = new Set<string>();
  for (const key of paths) if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split("/")[0]!);
  return [...names].sort();
}

/**
 * A source over files already in memory, keyed by their path relative to the folder
 * (`"init.pkl"`, `"subnetwork/state_dict.pth"`).
 */
export function sourceFromFiles(
  files: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>,
  location = "in-memory folder",
): NnbmaSource {
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
  const table = new Map(entries.map(([path, bytes]) => [normalizePath(path), bytes] as const));
  return {
    location,
    read: async (path) => table.get(normalizePath(path)),
    list: async (path) => namesUnder(table.keys(), path),
  };
}

/** What `sourceFromFileList` needs of a browser `File` (a `webkitdirectory` pick gives `webkitRelativePath`). */
export interface FileLike {
  readonly name: string;
  readonly webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * A source over the files of a folder picked in a browser (`<input type="file" webkitdirectory>`):
 * their `webkitRelativePath`s start with the folder's name, which is removed and becomes the location.
 */
export async function sourceFromFileList(files: Iterable<FileLike> | ArrayLike<FileLike>): Promise<NnbmaSource> {
  const list = Array.from(files as ArrayLike<FileLike>);
  const paths = list.map((f) => normalizePath(f.webkitRelativePath || f.name));
  const first = paths.map((p) => p.split("/"));
  const root = first.length > 0 && first.every((parts) => parts.length > 1 && parts[0] === first[0]![0]) ? first[0]![0]! : "";
  const table = new Map<string, Uint8Array>();
  await Promise.all(
    list.map(async (f, i) => {
      table.set(root ? paths[i]!.slice(root.length + 1) : paths[i]!, new Uint8Array(await f.arrayBuffer()));
    }),
  );
  return sourceFromFiles(table, root || "picked files");
}

/** Options of `sourceFromUrl`. */
export interface UrlSourceOptions {
  /** The `fetch` to use (defaults to the global one). */
  readonly fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /**
   * The folder's files, relative to the base URL. When given, only these are fetched and
   * any other path reads as absent — needed when the server does not answer 404 for
   * missing files (a single-page-app fallback, for instance).
   */
  readonly files?: readonly string[];
}

/**
 * A source over a folder served at a base URL: each file is fetched on demand, and a
 * 404 (or 410) answer means the file is absent.
 */
export function sourceFromUrl(baseUrl: string | URL, options: UrlSourceOptions = {}): NnbmaSource {
  const base = new URL(String(baseUrl).replace(/\/?$/, "/"));
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const manifest = options.files ? new Set(options.files.map(normalizePath)) : undefined;
  const location = base.href.replace(/\/$/, "");
  return {
    location,
    read: async (path) => {
      const relative = normalizePath(path);
      if (manifest && !manifest.has(relative)) return undefined;
      const url = new URL(relative.split("/").map(encodeURIComponent).join("/"), base).href;
      let response: Response;
      try {
        response = await doFetch(url);
      } catch (error) {
        throw new SourceReadError(url, `${url}: the request failed (${(error as Error).message}).`, { cause: error });
      }
      if (response.status === 404 || response.status === 410) return undefined;
      if (!response.ok) {
        throw new SourceReadError(url, `${url}: the server answered HTTP ${response.status}; expected the file or a 404.`);
      }
      return new Uint8Array(await response.arrayBuffer());
    },
    ...(manifest ? { list: async (path: string) => namesUnder(manifest, path) } : {}),
  };
}
