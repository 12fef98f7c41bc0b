import type { FigureSpec } from "@nabla/pipeline";
import { figureCsv } from "../export/csv.js";
import { download } from "../export/download.js";
import { svgToPng } from "../export/png.js";
import { svgText } from "../export/svg.js";
import { h } from "./dom.js";

/** Figures wider than this (in pixels) take a whole row. */
const WIDE = 640;

const ORDER_TITLE = ["Values", "First derivatives", "Second derivatives"] as const;

/** A figure's heading: "First derivatives, profile" */
export const figureHeading = (spec: FigureSpec): string => `${ORDER_TITLE[spec.order]}, ${spec.kind === "profile" ? "profiles" : "maps"}`;

export interface FigureCard {
  readonly element: HTMLElement;
  show(spec: FigureSpec, svg: SVGSVGElement): void;
}

/** One figure with its download buttons (SVG, PNG drawn from the SVG, CSV of its data). */
export function figureCard(name: string, onError: (error: Error) => void): FigureCard {
  let spec: FigureSpec | undefined;
  let svg: SVGSVGElement | undefined;
  const heading = h("h3", {});
  const plot = h("div", { class: "plot" });
  const button = (format: string, save: () => Promise<void> | void) =>
    h(
      "button",
      {
        type: "button",
        "aria-label": `Download ${name} as ${format}`,
        "data-format": format.toLowerCase(),
        onclick: () => {
          Promise.resolve()
            .then(save)
            .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
        },
      },
      format,
    );
  const buttons = h(
    "div",
    { class: "downloads", role: "group", "aria-label": `Downloads of ${name}` },
    button("SVG", () => svg && download(svgText(svg), `${name}.svg`, "image/svg+xml")),
    button("PNG", async () => svg && download(await svgToPng(svg), `${name}.png`, "image/png")),
    button("CSV", () => spec && download(figureCsv(spec), `${name}.csv`, "text/csv")),
  );
  const element = h("figure", { class: "figure-card", "data-name": name }, h("figcaption", {}, heading, buttons), plot);
  return {
    element,
    show(newSpec, newSvg) {
      spec = newSpec;
      svg = newSvg;
      heading.textContent = figureHeading(newSpec);
      newSvg.setAttribute("role", "img");
      newSvg.setAttribute("aria-label", `${figureHeading(newSpec)} (${name})`);
      element.dataset["kind"] = newSpec.kind;
      element.dataset["role"] = newSpec.role;
      element.dataset["order"] = String(newSpec.order);
      // A figure too wide to stand beside another (many inputs) gets a row of its own.
      element.classList.toggle("wide", Number(newSvg.getAttribute("width")) > WIDE);
      plot.replaceChildren(newSvg);
    },
  };
}
