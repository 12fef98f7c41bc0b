/**
 * One map panel: a quantity over two swept inputs, as an Observable Plot SVG
 * with a raster. Grid point (ix, iy) is drawn centred on (x[ix], y[iy]), with
 * x to the right and y upward, clipped to the range of the coordinates.
 */
import * as Plot from "@observablehq/plot";
import { rgb, type RGBColor } from "d3-color";
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
 * The color of each cell, from a table of the scale's colors across its
 * (linear) domain: one lookup a cell, where Plot's raster would interpolate
 * the scheme and parse the resulting CSS color for every cell. Missing values
 * (NaN) stay transparent.
 */
function cellColors(values: Float64Array, color: ColorSpec): (RGBColor | null)[] {
  const scale = Plot.scale({ color: plotColor(color) });
  const [lo, hi] = color.domain;
  const step = (hi - lo) / COLOR_STEPS;
  const table = Array.from({ length: COLOR_STEPS }, (_, k) => rgb(scale.apply(lo + (k + 0.5) * step) as string));
  return Array.from(values, (v) => (Number.isNaN(v) ? null : table[Math.min(COLOR_STEPS - 1, Math.max(0, Math.floor((v - lo) / step)))]!));
}

/** Draws one map panel. */
export function mapPanel(spec: MapPanelSpec): SVGSVGElement {
  const nx = spec.x.length;
  const ny = spec.y.length;
  const [x1, x2] = cellEdges(spec.x);
  const [y1, y2] = cellEdges(spec.y);
  const xDomain = [Math.min(spec.x[0]!, spec.x[nx - 1]!), Math.max(spec.x[0]!, spec.x[nx - 1]!)];
  const yDomain = [Math.min(spec.y[0]!, spec.y[ny - 1]!), Math.max(spec.y[0]!, spec.y[ny - 1]!)];
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
      ticks: Math.max(2, Math.floor((spec.width - mapMargins.left - mapMargins.right) / 50)),
    },
    y: {
      domain: yDomain,
      label: spec.yLabel,
      labelAnchor: "center",
      labelArrow: "none",
      ticks: Math.max(2, Math.floor((spec.height - mapMargins.top - mapMargins.bottom) / 35)),
    },
    marks: [
      Plot.raster(spec.values, {
        fill: { value: cellColors(spec.values, spec.color), scale: null },
        width: nx,
        height: ny,
        x1,
        x2,
        y1,
        y2,
        clip: true,
        imageRendering: spec.imageRendering,
        className: spec.className,
      }),
      Plot.frame({ stroke: "#666" }),
    ],
  });
}
