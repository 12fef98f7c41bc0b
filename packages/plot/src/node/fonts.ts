/**
 * The fonts figures are rasterized with: DejaVu Sans (regular and bold), from
 * the dejavu-fonts-ttf package this one depends on, so PNGs look the same on
 * every machine whatever fonts it has installed.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The family name of the shipped font. */
export const fontFamily = "DejaVu Sans";

/** Absolute paths of the shipped font files. */
export function fontFiles(): string[] {
  return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
}
