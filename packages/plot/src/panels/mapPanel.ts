/**
 * One map panel: a quantity over two swept inputs, as an Observable Plot SVG
 * with an image of the cells. Grid point (ix, iy) is drawn centred on (x[ix], y[iy]), with
 * x to the right and y upward, clipped to the range of the coordinates.
 */
import * as Plot from "@observablehq/plot";
import { rgb } from "d3-color";
import { plotSvg } from "./plotSvg.js";
import type { Numbers } from "../data.js";
import type { ColorSpec } from "../colors.js";
import { plotColor } from "../colors.js";

/** Margins of a map panel; its color bar uses the same top and bottom. */
export const mapMargins = { top: 8, right: 8, bottom: 38, left: 50 } as const;

/** What a map panel draws and how. */
export interface MapPanelSpec {
  readonly document: Document;
  readonly width: number;
  readonly height: number;
  /** The quantity at each grid point, x fastest: point iy * nx + ix. */
  readonly values: Float64Array;
  /** Evenly spaced coordinates along x (length nx) and y (length ny). */
  readonly x: Numbers;
  readonly y: Numbers;
  readonly color: ColorSpec;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Class of the raster mark: "nabla-truth", "nabla-network" or "nabla-error". */
  readonly className: string;
  /** The raster's image-rendering: "auto" (smooth) or "optimizeSpeed" (flat cells). */
  readonly imageRendering: string;
}

/** The edges of the cells centred on evenly spaced coordinates: [first − step/2, last + step/2]. */
function cellEdges(c: Numbers): [number, number] {
  const n = c.length;
  const half = (c[n - 1]! - c[0]!) / (n - 1) / 2;
  return [c[0]! - half, c[n - 1]! + half];
}

/** Steps of the color table across the color domain: finer than 8-bit color channels resolve. */
const COLOR_STEPS = 1024;

/**
 * The scale's colors across its (linear) domain, as r, g, b bytes for each of
 * COLOR_STEPS steps: a cell takes one lookup, where Plot's raster would
 * interpolate the scheme and parse a CSS color for every cell.
 */
function colorTable(color: ColorSpec): Uint8Array {
  const scale = Plot.scale({ color: plotColor(color) });
  const [lo, hi] = color.domain;
  const step = (hi - lo) / COLOR_STEPS;
  const table = new Uint8Array(3 * COLOR_STEPS);
  for (let k = 0; k < COLOR_STEPS; k++) {
    const { r, g, b } = rgb(scale.apply(lo + (k + 0.5) * step) as string);
    table.set([r, g, b], 3 * k);
  }
  return table;
}

/**
 * The cells as a PNG data URL, one pixel a cell, laid out as drawn: the
 * largest y in the top row, the smallest x in the left column. Missing values
 * (NaN) are transparent.
 */
function cellImage(spec: MapPanelSpec): string {
  const nx = spec.x.length,
    ny = spec.y.length;
  const xRises = spec.x[nx - 1]! >= spec.x[0]!,
    yRises = spec.y[ny - 1]! >= spec.y[0]!;
  const table = colorTable(spec.color);
  const [lo, hi] = spec.color.domain;
  const perStep = COLOR_STEPS / (hi - lo);
  const canvas = spec.document.createElement("canvas");
  canvas.width = nx;
  canvas.height = ny;
  const context = canvas.getContext("2d")!;
  const image = context.createImageData(nx, ny);
  const pixels = image.data;
  for (let iy = 0; iy < ny; iy++) {
    const row = yRises ? ny - 1 - iy : iy;
    for (let ix = 0; ix < nx; ix++) {
      const v = spec.values[iy * nx + ix]!;
      if (Number.isNaN(v)) continue; // left transparent
      const k = 3 * Math.min(COLOR_STEPS - 1, Math.max(0, Math.floor((v - lo) * perStep)));
      const at = 4 * (row * nx + (xRises ? ix : nx - 1 - ix));
      pixels[at] = table[k]!;
      pixels[at + 1] = table[k + 1]!;
      pixels[at + 2] = table[k + 2]!;
      pixels[at + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL();
}

/** Draws one map panel. */
export function mapPanel(spec: MapPanelSpec): SVGSVGElement {
  const nx = spec.x.length;
  const ny = spec.y.length;
  const [x1, x2] = cellEdges(spec.x);
  const [y1, y2] = cellEdges(spec.y);
  const xDomain = [Math.min(spec.x[0]!, spec.x[nx - 1]!), Math.max(spec.x[0]!, spec.x[nx - 1]!)] as const;
  const yDomain = [Math.min(spec.y[0]!, spec.y[ny - 1]!), Math.max(spec.y[0]!, spec.y[ny - 1]!)] as const;
  // The image covers the cells, half a cell past the frame on each side (clipped): its size in pixels from the frame's.
  const frameWidth = spec.width - mapMargins.left - mapMargins.right;
  const frameHeight = spec.height - mapMargins.top - mapMargins.bottom;
  return plotSvg({
    document: spec.document,
    width: spec.width,
    height: spec.height,
    marginTop: mapMargins.top,
    marginRight: mapMargins.right,
    marginBottom: mapMargins.bottom,
    marginLeft: mapMargins.left,
    x: {
      domain: xDomain,
      label: spec.xLabel,
      labelAnchor: "center",
      labelArrow: "none",
      ticks: Math.max(2, Math.floor(frameWidth / 50)),
    },
    y: {
      domain: yDomain,
      label: spec.yLabel,
      labelAnchor: "center",
      labelArrow: "none",
      ticks: Math.max(2, Math.floor(frameHeight / 35)),
    },
    marks: [
      Plot.image([0], {
        x: () => (x1 + x2) / 2,
        y: () => (y1 + y2) / 2,
        width: (frameWidth * Math.abs(x2 - x1)) / (xDomain[1] - xDomain[0]),
        height: (frameHeight * Math.abs(y2 - y1)) / (yDomain[1] - yDomain[0]),
        src: cellImage(spec),
        preserveAspectRatio: "none",
        clip: true,
        imageRendering: spec.imageRendering,
        className: spec.className,
      }),
      Plot.frame({ stroke: "#666" }),
    ],
  });
}
