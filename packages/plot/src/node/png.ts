/**
 * PNG from SVG text, with @resvg/resvg-js and the shipped DejaVu fonts only
 * (system fonts are not loaded, so the output is the same everywhere).
 */
import { Resvg } from "@resvg/resvg-js";
import { fontFamily, fontFiles } from "./fonts.js";

/** How a PNG is rendered. */
export interface PngOptions {
  /** Pixels per SVG unit. Default 2. */
  readonly scale?: number;
  /** Fill behind the figure (figures draw their own white background by default). */
  readonly background?: string;
}

/** Renders SVG text to PNG bytes. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const { scale = 2, background } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`svgToPng: option scale is ${scale}; expected a finite number > 0`);
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    ...(background === undefined ? {} : { background }),
    font: {
      loadSystemFonts: false,
      fontFiles: fontFiles(),
      defaultFontFamily: fontFamily,
      sansSerifFamily: fontFamily,
      serifFamily: fontFamily,
      monospaceFamily: fontFamily,
    },
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
