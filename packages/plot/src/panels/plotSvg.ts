/**
 * Observable Plot's `plot`, for panels: without a title, caption or legend it
 * returns an <svg>, which this checks and types as such.
 */
import * as Plot from "@observablehq/plot";

/** Plot.plot, returning the bare <svg> a panel is made of. */
export function plotSvg(options: Plot.PlotOptions): SVGSVGElement {
  const node = Plot.plot(options);
  if (node.nodeName.toLowerCase() !== "svg") {
    throw new TypeError(`plotSvg: Plot returned a <${node.nodeName.toLowerCase()}>; ` + "a panel needs a bare <svg> (no title, caption or legend)");
  }
  return node as SVGSVGElement;
}
