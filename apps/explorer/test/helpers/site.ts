import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The explorer's folder. */
export const appDir = fileURLToPath(new URL("../../", import.meta.url));

/** The built site. */
export const distDir = fileURLToPath(new URL("../../dist/", import.meta.url));

const packagesDir = fileURLToPath(new URL("../../../../packages/", import.meta.url));

/** The newest modification time of the files under `path`. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** What the site is built from: the app's sources and assets, and the workspace packages' sources. */
const sources = (): string[] => [
  ...["index.html", "vite.config.ts", "src", "public", "build"].map((p) => join(appDir, p)),
  ...readdirSync(packagesDir).map((p) => join(packagesDir, p, "src")),
];

/** Builds the site when it is missing or older than its sources (NABLA_EXPLORER_REBUILD=1 always builds). */
export function ensureBuilt(): void {
  const index = join(distDir, "index.html");
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > 0 && process.env["NABLA_EXPLORER_REBUILD"] !== "1" && Math.max(...sources().map(newest)) <= built) return;
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
  execFileSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: appDir, stdio: "inherit" });
}
