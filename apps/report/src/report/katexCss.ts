import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: string | undefined;

/**
 * KaTeX's stylesheet with its fonts inside (WOFF2 as data: URLs), so a page
 * shows the formulas with no network and no files beside it.
 */
export function katexCss(): string {
  if (cached !== undefined) return cached;
  const file = createRequire(import.meta.url).resolve("katex/dist/katex.min.css");
  const css = readFileSync(file, "utf8");
  cached = css.replace(/src:url\((fonts\/[\w-]+\.woff2)\) format\("woff2"\)(?:,url\([^)]*\) format\("[\w]+"\))*/g, (_, font: string) => {
    const data = readFileSync(join(dirname(file), font)).toString("base64");
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  return cached;
}
