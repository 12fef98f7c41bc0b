import { isAbsolute, relative } from "node:path";

/** A path as messages show it: relative to the working folder when inside it, else absolute. */
export function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === "" ? "." : shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}
