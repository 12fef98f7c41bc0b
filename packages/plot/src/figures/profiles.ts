/**
 * Profiles: a quantity against one swept input, the other inputs held fixed.
 * Values f_k in one panel, first derivatives ∂f_k/∂x_i in one panel per
 * input, second derivatives ∂²f_k/∂x_i∂x_j in an n×n grid; each for the
 * truth, for the network drawn over the truth (dashed gray), or for the error.
 */
import type { ErrorKind, Order, ProfileData, Role } from "../data.js";
import { orderField } from "../data.js";
import { extent, paddedDomain, symmetricDomain } from "../domains.js";
import { resolveDocument } from "../document.js";
import { errorMeasure } from "../errorMeasure.js";
import { GridError } from "../errors.js";
import type { FigureOptions } from "../figureOptions.js";
import { checkChoice, checkCount, checkNumber, clamp, defaultColumns, panelIndices, subtitleOf } from "../figureOptions.js";
import { errorLabel, fixedCaption, inputSymbol, panelTitle, quantityLabel, roleCaption } from "../labels.js";
import type { Panel } from "../layout.js";
import { layout } from "../layout.js";
import { profilePanel } from "../panels/profilePanel.js";
import { series } from "../series.js";
import { checkCoordinates, checkFunctionData, checkIndex, requireArray } from "../validate.js";

const defaults = {
  order: 1 as Order,
  output: 0,
  role: "truth" as Role,
  error: "relative" as ErrorKind,
  eps: 1e-2,
  reference: true,
  stroke: "#1f77b4",
  strokeWidth: 1.5,
  referenceStroke: "#808080",
  referenceDasharray: "6,4",
  fontFamily: "system-ui, sans-serif",
  background: "white",
  titleFontSize: 13,
  gap: 14,
};

/** Options of the profile figures. */
export interface ProfilesOptions extends FigureOptions {
  /** For role "network": draw the truth under the network, dashed in gray, when the data has it. Default true. */
  readonly reference?: boolean;
  /** Color of the curve drawn (truth, network or error). Default "#1f77b4". */
  readonly stroke?: string;
  /** Width of the curves. Default 1.5. */
  readonly strokeWidth?: number;
  /** Color of the dashed truth under the network. Default "#808080". */
  readonly referenceStroke?: string;
  /** Dash pattern of the truth under the network. Default "6,4". */
  readonly referenceDasharray?: string;
}

const where = "profiles";

/**
 * Draws profiles of output `options.output` along input `data.input`: one
 * panel for the values (order 0), one per input (order 1), or an n×n grid
 * (order 2). Returns one SVG element (created in `options.document`).
 */
export function profiles(data: ProfileData, options: ProfilesOptions = {}): SVGSVGElement {
  const {
    order: orderOption = defaults.order,
    output = defaults.output,
    role: roleOption = defaults.role,
    error = defaults.error,
    eps: epsOption = defaults.eps,
    reference: drawReference = defaults.reference,
    stroke = defaults.stroke,
    strokeWidth = defaults.strokeWidth,
    referenceStroke = defaults.referenceStroke,
    referenceDasharray = defaults.referenceDasharray,
    fontFamily = defaults.fontFamily,
    background = defaults.background,
    titleFontSize = defaults.titleFontSize,
  } = options;
  const document = resolveDocument(where, options.document);
  const order = checkChoice(where, "order", orderOption, [0, 1, 2] as const);
  const role = checkChoice(where, "role", roleOption, ["truth", "network", "error"] as const);
  const kind = checkChoice(where, "error", error, ["relative", "absolute"] as const);
  const eps = checkNumber(where, "eps", epsOption, 0);
  const n = checkCoordinates(where, "data.x", data.x);
  const [nIn, nOut] = checkFunctionData(where, data, n);
  const input = checkIndex(where, "data.input", data.input, nIn);
  const k = checkIndex(where, "options.output", output, nOut);
  const columns = checkCount(where, "columns", options.columns ?? defaultColumns(order, nIn));

  const main = requireArray(where, data, role === "truth" ? "truth" : "network", order, `role "${role}"`);
  const against = role === "error" ? requireArray(where, data, "truth", order, `role "error"`) : undefined;
  const reference = role === "network" && drawReference ? data.truth?.[orderField[order]] : undefined;

  const x = Float64Array.from(data.x);
  const xDomain = extent(x);
  if (xDomain[0] === xDomain[1]) {
    throw new GridError(where, "data.x", `is ${xDomain[0]} everywhere`, "coordinates that span a range");
  }
  const defaultWidth = clamp(Math.round(960 / columns), 190, 440);
  const panelWidth = checkNumber(where, "panelWidth", options.panelWidth ?? defaultWidth, 60);
  const defaultHeight = Math.max(150, Math.round(panelWidth * 0.6));
  const plotHeight = checkNumber(where, "panelHeight", options.panelHeight ?? defaultHeight, 60);
  const names = { inputNames: data.inputNames, outputNames: data.outputNames };
  const className = `nabla-${role}`;

  const panels: Panel[] = panelIndices(order, nIn).map(([i, j]) => {
    const c = { order, k, i, j };
    let y = series(main, n, nOut, nIn, c);
    if (against) y = errorMeasure(y, series(against, n, nOut, nIn, c), kind, eps);
    const ref = reference ? series(reference, n, nOut, nIn, c) : undefined;
    const yDomain = role === "error" ? symmetricDomain([y], 0.05) : paddedDomain(ref ? [y, ref] : [y]);
    const svg = profilePanel({
      document,
      width: panelWidth,
      height: plotHeight,
      x,
      y,
      reference: ref,
      className,
      xDomain,
      yDomain,
      xLabel: inputSymbol(input, names),
      yLabel: role === "error" ? errorLabel(kind) : quantityLabel(order, k, i, j, names, role === "network"),
      zero: role === "error",
      stroke,
      strokeWidth,
      referenceStroke,
      referenceDasharray,
    });
    return {
      title: panelTitle(role, order, k, i, j, [input], names),
      parts: [{ svg, className: "nabla-plot" }],
      attributes: {
        "data-role": role,
        "data-order": String(order),
        "data-output": String(k),
        "data-i": String(i),
        "data-j": String(j),
        "data-x-domain": xDomain.join(","),
        "data-y-domain": yDomain.join(","),
      },
    };
  });

  return layout(panels, {
    document,
    columns,
    panelWidth,
    plotHeight,
    title: options.title,
    subtitle: subtitleOf(options.subtitle, [roleCaption(role, kind, eps, reference != null), fixedCaption(data.fixed, [input], names)]),
    fontFamily,
    background,
    titleFontSize,
    gap: defaults.gap,
    className: `nabla-figure nabla-profiles nabla-order-${order} nabla-role-${role}`,
  });
}

/** Profiles of the values f_k: one panel. */
export function valueProfile(data: ProfileData, options: ProfilesOptions = {}): SVGSVGElement {
  return profiles(data, { ...options, order: 0 });
}

/** Profiles of the first derivatives ∂f_k/∂x_i: one panel per input. */
export function jacobianProfiles(data: ProfileData, options: ProfilesOptions = {}): SVGSVGElement {
  return profiles(data, { ...options, order: 1 });
}

/** Profiles of the second derivatives ∂²f_k/∂x_i∂x_j: an n×n grid of panels. */
export function hessianProfiles(data: ProfileData, options: ProfilesOptions = {}): SVGSVGElement {
  return profiles(data, { ...options, order: 2 });
}
