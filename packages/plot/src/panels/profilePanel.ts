/**
 * One profile panel: a quantity against the swept input, as an Observable
 * Plot SVG. The network's curve is drawn over the truth's, dashed in gray;
 * an error curve is drawn over a rule at 0.
 */
import * as Plot from "@observablehq/plot";
import { plotSvg } from "./plotSvg.js";

const margins = { top: 8, right: 14, bottom: 38, left: 58 } as const;

/** What a profile panel draws and how. */
export interface ProfilePanelSpec {
  readonly document: Document;
  readonly width: number;
  readonly height: number;
  /** Coordinates along the swept input. */
  readonly x: Float64Array;
  /** The curve drawn: truth, network or error. */
  readonly y: Float64Array;
  /** The truth, drawn dashed under a network curve; absent otherwise. */
  readonly reference?: Float64Array | undefined;
  /** Class of the main curve: "nabla-truth", "nabla-network" or "nabla-error". */
  readonly className: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Draw a rule at y = 0 (error curves). */
  readonly zero: boolean;
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly referenceStroke: string;
  readonly referenceDasharray: string;
}

/** Draws one profile panel. */
export function profilePanel(spec: ProfilePanelSpec): SVGSVGElement {
  const { x, y, reference } = spec;
  return plotSvg({
    document: spec.document,
    width: spec.width,
    height: spec.height,
    marginTop: margins.top,
    marginRight: margins.right,
    marginBottom: margins.bottom,
    marginLeft: margins.left,
    x: {
      domain: [...spec.xDomain],
      label: spec.xLabel,
      labelAnchor: "center",
      labelArrow: "none",
      ticks: Math.max(2, Math.floor((spec.width - margins.left - margins.right) / 60)),
      grid: true,
    },
    y: {
      domain: [...spec.yDomain],
      label: spec.yLabel,
      labelAnchor: "center",
      labelArrow: "none",
      ticks: Math.max(2, Math.floor((spec.height - margins.top - margins.bottom) / 35)),
      grid: true,
    },
    marks: [
      Plot.frame({ stroke: "#999" }),
      spec.zero ? Plot.ruleY([0], { stroke: "#999", className: "nabla-zero" }) : null,
      reference
        ? Plot.line(reference, {
            x,
            y: reference,
            stroke: spec.referenceStroke,
            strokeWidth: spec.strokeWidth,
            strokeDasharray: spec.referenceDasharray,
            className: "nabla-reference",
            ariaDescription: "the truth, under the network",
          })
        : null,
      Plot.line(y, { x, y, stroke: spec.stroke, strokeWidth: spec.strokeWidth, className: spec.className }),
    ],
  });
}
