/**
 * PNG from SVG text, with @resvg/resvg-js and the shipped DejaVu fonts only
 * (system fonts are not loaded, so the output is the same everywhere).
 */
import { renderAsync, Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { fontFamily, fontFiles } from "./fonts.js";

/** How a PNG is rendered. */
export interface PngOptions {
  /** Pixels per SVG unit. Default 2. */
  readonly scale?: number;
  /** Fill behind the figure (figures draw their own white background by default). */
  readonly background?: string;
}

/** resvg's options for `options`, checked. */
function resvgOptions({ scale = 2, background }: PngOptions, caller: string): ResvgRenderOptions {
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`${caller}: option scale is ${scale}; expected a finite number > 0`);
  }
  return {
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
  };
}

const bytes = (png: Buffer): Uint8Array => new Uint8Array(png.buffer, png.byteOffset, png.byteLength);

/** Renders SVG text to PNG bytes. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  return bytes(new Resvg(svg, resvgOptions(options, "svgToPng")).render().asPng());
}

/**
 * `svgToPng`'s bytes, rasterized off the calling thread (on libuv's thread
 * pool), so that several figures started together rasterize on several
 * cores; resvg still encodes each PNG on the calling thread.
 */
export async function svgToPngAsync(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const rendered = await renderAsync(svg, resvgOptions(options, "svgToPngAsync"));
  return bytes(rendered.asPng());
}
