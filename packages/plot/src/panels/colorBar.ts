/**
 * A vertical color bar: the color scale of a map drawn as a ramp (a raster
 * sampling the scale) with its axis on the right, aligned with the map.
 */
import * as Plot from "@observablehq/plot";
import { plotSvg } from "./plotSvg.js";
import type { ColorSpec } from "../colors.js";
import { plotColor } from "../colors.js";

/** What a color bar draws and how. */
export interface ColorBarSpec {
  readonly document: Document;
  readonly width: number;
  readonly height: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  /** Width of the ramp itself; the rest holds ticks and their labels. */
  readonly barWidth: number;
  readonly color: ColorSpec;
}

/** Draws a color bar for a map panel. */
export function colorBar(spec: ColorBarSpec): SVGSVGElement {
  const [lo, hi] = spec.color.domain;
  const marginLeft = 6;
  return plotSvg({
    document: spec.document,
    width: spec.width,
    height: spec.height,
    marginTop: spec.marginTop,
    marginBottom: spec.marginBottom,
    marginLeft,
    marginRight: spec.width - marginLeft - spec.barWidth,
    x: { axis: null, domain: [0, 1] },
    y: {
      domain: [lo, hi],
      axis: "right",
      label: null,
      tickSize: 4,
      ticks: Math.max(3, Math.floor((spec.height - spec.marginTop - spec.marginBottom) / 30)),
    },
    color: plotColor(spec.color),
    marks: [
      Plot.raster({
        x1: 0,
        x2: 1,
        y1: lo,
        y2: hi,
        width: 1,
        height: 256,
        fill: (_x: number, y: number) => y,
        className: "nabla-colorbar-ramp",
        ariaDescription: "color bar",
      }),
      Plot.frame({ stroke: "#666" }),
    ],
  });
}
