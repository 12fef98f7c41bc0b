/**
 * Maps: a quantity over two swept inputs (a heatmap with a color bar), the
 * other inputs held fixed. Values f_k in one panel, first derivatives in one
 * panel per input, second derivatives in an n×n grid; each for the truth, the
 * network, or the error on a diverging scale symmetric about 0. The first
 * swept input runs to the right, the second upward.
 */
import type * as Plot from "@observablehq/plot";
import type { ErrorKind, MapData, Order, Role } from "../data.js";
import { colorScale } from "../colors.js";
import { resolveDocument } from "../document.js";
import { errorMeasure } from "../errorMeasure.js";
import { GridError, ShapeError } from "../errors.js";
import type { FigureOptions } from "../figureOptions.js";
import { checkChoice, checkCount, checkNumber, clamp, defaultColumns, panelIndices, subtitleOf } from "../figureOptions.js";
import { fixedCaption, inputSymbol, panelTitle, roleCaption } from "../labels.js";
import type { Panel, PanelPart } from "../layout.js";
import { layout } from "../layout.js";
import { colorBar } from "../panels/colorBar.js";
import { mapMargins, mapPanel } from "../panels/mapPanel.js";
import { series } from "../series.js";
import { checkCoordinates, checkEvenlySpaced, checkFunctionData, checkIndex, requireArray } from "../validate.js";

const defaults = {
  order: 1 as Order,
  output: 0,
  role: "truth" as Role,
  error: "relative" as ErrorKind,
  eps: 1e-2,
  scheme: "turbo" as Plot.ColorScheme,
  errorScheme: "burd" as Plot.ColorScheme,
  colorBar: true,
  colorBarWidth: 62,
  cells: "smooth" as "smooth" | "flat",
  fontFamily: "system-ui, sans-serif",
  background: "white",
  titleFontSize: 13,
  gap: 14,
};

/** Options of the map figures. */
export interface MapsOptions extends FigureOptions {
  /** Sequential color scheme of the truth and the network. Default "turbo". */
  readonly scheme?: Plot.ColorScheme;
  /** Diverging color scheme of the error, blue below 0 and red above by default. Default "burd". */
  readonly errorScheme?: Plot.ColorScheme;
  /** Draw a color bar right of each map. Default true. */
  readonly colorBar?: boolean;
  /** Width of a color bar with its tick labels, in pixels. Default 62. */
  readonly colorBarWidth?: number;
  /**
   * How the grid is scaled up to the panel: "smooth" (interpolated between
   * points) or "flat" (one flat cell per point, as SVG's
   * image-rendering="optimizeSpeed", which browsers and resvg both honor).
   * Default "smooth".
   */
  readonly cells?: "smooth" | "flat";
}

const where = "maps";

/**
 * Draws maps of output `options.output` over inputs `data.inputs` (the first
 * to the right, the second upward): one panel for the values (order 0), one
 * per input (order 1), or an n×n grid (order 2), each with a color bar.
 * Returns one SVG element (created in `options.document`).
 */
export function maps(data: MapData, options: MapsOptions = {}): SVGSVGElement {
  const {
    order: orderOption = defaults.order,
    output = defaults.output,
    role: roleOption = defaults.role,
    error = defaults.error,
    eps: epsOption = defaults.eps,
    scheme = defaults.scheme,
    errorScheme = defaults.errorScheme,
    colorBar: drawColorBar = defaults.colorBar,
    cells: cellsOption = defaults.cells,
    fontFamily = defaults.fontFamily,
    background = defaults.background,
    titleFontSize = defaults.titleFontSize,
  } = options;
  const document = resolveDocument(where, options.document);
  const order = checkChoice(where, "order", orderOption, [0, 1, 2] as const);
  const role = checkChoice(where, "role", roleOption, ["truth", "network", "error"] as const);
  const kind = checkChoice(where, "error", error, ["relative", "absolute"] as const);
  const eps = checkNumber(where, "eps", epsOption, 0);
  const nx = checkCoordinates(where, "data.x", data.x);
  const ny = checkCoordinates(where, "data.y", data.y);
  checkEvenlySpaced(where, "data.x", data.x);
  checkEvenlySpaced(where, "data.y", data.y);
  const n = nx * ny;
  const [nIn, nOut] = checkFunctionData(where, data, n);
  if (data.inputs?.length !== 2) {
    throw new ShapeError(where, "data.inputs", data.inputs?.length ?? 0, [2], "[2] (the inputs along x and y)");
  }
  const inputs = [checkIndex(where, "data.inputs[0]", data.inputs[0], nIn), checkIndex(where, "data.inputs[1]", data.inputs[1], nIn)] as const;
  if (inputs[0] === inputs[1]) {
    throw new GridError(where, "data.inputs", `names input ${inputs[0]} twice`, "two different inputs");
  }
  const k = checkIndex(where, "options.output", output, nOut);
  const columns = checkCount(where, "columns", options.columns ?? defaultColumns(order, nIn));
  const cells = checkChoice(where, "cells", cellsOption, ["smooth", "flat"] as const);

  const main = requireArray(where, data, role === "truth" ? "truth" : "network", order, `role "${role}"`);
  const against = role === "error" ? requireArray(where, data, "truth", order, `role "error"`) : undefined;

  const barWidth = drawColorBar ? checkNumber(where, "colorBarWidth", options.colorBarWidth ?? defaults.colorBarWidth, 20) : 0;
  const panelWidth = checkNumber(where, "panelWidth", options.panelWidth ?? clamp(Math.round(1000 / columns), 210, 440), barWidth + 60);
  const plotHeight = checkNumber(where, "panelHeight", options.panelHeight ?? Math.max(140, Math.round((panelWidth - barWidth) * 0.85)), 60);
  const names = { inputNames: data.inputNames, outputNames: data.outputNames };
  const className = `nabla-${role}`;

  const panels: Panel[] = panelIndices(order, nIn).map(([i, j]) => {
    const c = { order, k, i, j };
    let values = series(main, n, nOut, nIn, c);
    if (against) values = errorMeasure(values, series(against, n, nOut, nIn, c), kind, eps);
    const color = colorScale(role, values, scheme, errorScheme);
    const parts: PanelPart[] = [
      {
        className: "nabla-plot nabla-map",
        svg: mapPanel({
          document,
          width: panelWidth - barWidth,
          height: plotHeight,
          values,
          x: data.x,
          y: data.y,
          color,
          xLabel: inputSymbol(inputs[0], names),
          yLabel: inputSymbol(inputs[1], names),
          className,
          imageRendering: cells === "flat" ? "optimizeSpeed" : "auto",
        }),
      },
    ];
    if (drawColorBar) {
      parts.push({
        className: "nabla-colorbar",
        svg: colorBar({
          document,
          width: barWidth,
          height: plotHeight,
          marginTop: mapMargins.top,
          marginBottom: mapMargins.bottom,
          barWidth: 14,
          color,
        }),
      });
    }
    return {
      title: panelTitle(role, order, k, i, j, inputs, names),
      parts,
      attributes: {
        "data-role": role,
        "data-order": String(order),
        "data-output": String(k),
        "data-i": String(i),
        "data-j": String(j),
        "data-color-type": color.type,
        "data-color-domain": color.domain.join(","),
      },
    };
  });

  return layout(panels, {
    document,
    columns,
    panelWidth,
    plotHeight,
    title: options.title,
    subtitle: subtitleOf(options.subtitle, [roleCaption(role, kind, eps), fixedCaption(data.fixed, inputs, names)]),
    fontFamily,
    background,
    titleFontSize,
    gap: defaults.gap,
    className: `nabla-figure nabla-maps nabla-order-${order} nabla-role-${role}`,
  });
}

/** A map of the values f_k: one panel. */
export function valueMap(data: MapData, options: MapsOptions = {}): SVGSVGElement {
  return maps(data, { ...options, order: 0 });
}

/** Maps of the first derivatives ∂f_k/∂x_i: one panel per input. */
export function jacobianMaps(data: MapData, options: MapsOptions = {}): SVGSVGElement {
  return maps(data, { ...options, order: 1 });
}

/** Maps of the second derivatives ∂²f_k/∂x_i∂x_j: an n×n grid of panels. */
export function hessianMaps(data: MapData, options: MapsOptions = {}): SVGSVGElement {
  return maps(data, { ...options, order: 2 });
}
