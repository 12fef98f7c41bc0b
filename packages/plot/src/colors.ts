/**
 * Color scales of maps: sequential over the data's extent for the truth and
 * the network, diverging and symmetric about 0 for the error.
 */
import type * as Plot from "@observablehq/plot";
import type { Role } from "./data.js";
import { colorDomain, symmetricDomain } from "./domains.js";

/** A continuous color scale, as Observable Plot takes it. */
export interface ColorSpec {
  readonly type: "linear" | "diverging";
  readonly scheme: Plot.ColorScheme;
  readonly domain: readonly [number, number];
  readonly pivot?: number;
}

/**
 * The color scale of a map panel: for the error, diverging (`errorScheme`)
 * over ±max|error| centred on 0; otherwise sequential (`scheme`) over the
 * extent of the values. Constant data still gets a nonempty domain.
 */
export function colorScale(role: Role, values: Float64Array, scheme: Plot.ColorScheme, errorScheme: Plot.ColorScheme): ColorSpec {
  if (role === "error") return { type: "diverging", scheme: errorScheme, domain: symmetricDomain([values]), pivot: 0 };
  return { type: "linear", scheme, domain: colorDomain(values) };
}

/** The spec as Plot's color scale options. */
export function plotColor(spec: ColorSpec): Plot.ScaleOptions {
  return {
    type: spec.type,
    scheme: spec.scheme,
    domain: [...spec.domain],
    ...(spec.pivot === undefined ? {} : { pivot: spec.pivot }),
  };
}
