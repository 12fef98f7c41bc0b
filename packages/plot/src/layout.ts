/**
 * Lays panels out in a grid inside one SVG element: a figure title and
 * subtitle on top, then rows of panels, each a title over one or more plots
 * side by side (a map and its color bar). Each plot, an Observable Plot SVG,
 * is moved into a translated <g> (not nested as an <svg>, whose CSS sizing
 * browsers would apply), so the figure is one plain SVG in a page, in a file,
 * and for a rasterizer.
 */
import { textWidth } from "./textWidth.js";

const svgNs = "http://www.w3.org/2000/svg";
const xmlnsNs = "http://www.w3.org/2000/xmlns/";
const xlinkNs = "http://www.w3.org/1999/xlink";

/** One plot of a panel, drawn by Observable Plot. */
export interface PanelPart {
  readonly svg: SVGSVGElement;
  /** Class of the group that receives the plot, e.g. "nabla-plot". */
  readonly className: string;
}

/** One panel: a title over plots placed left to right. */
export interface Panel {
  readonly title: string;
  readonly parts: readonly PanelPart[];
  /** Extra attributes of the panel's group (data-*), for tools and tests. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** How the panels are laid out and what surrounds them. */
export interface LayoutOptions {
  readonly document: Document;
  /** Panels per row. */
  readonly columns: number;
  /** Width given to every panel (its plots should fill it). */
  readonly panelWidth: number;
  /** Height of every panel's plots, below the panel title. */
  readonly plotHeight: number;
  readonly title?: string | null | undefined;
  readonly subtitle?: string | null | undefined;
  readonly fontFamily: string;
  /** Fill of a rectangle behind the figure; null for none. */
  readonly background: string | null;
  /** Largest font size of the panel titles; they shrink (to 11, or 9 when wrapped) or wrap to fit. */
  readonly titleFontSize: number;
  /** Gap between panels, in pixels. */
  readonly gap: number;
  /** Class of the root element, e.g. "nabla-figure nabla-profiles". */
  readonly className: string;
}

interface TitleFit {
  readonly fontSize: number;
  readonly lines: readonly (readonly string[])[];
}

/** Splits "A vs B" into ["A", "vs B"]; a title without " vs " stays whole. */
function wrap(title: string): string[] {
  const at = title.lastIndexOf(" vs ");
  return at < 0 ? [title] : [title.slice(0, at), title.slice(at + 1)];
}

/**
 * One font size for all panel titles: the largest from `max` down to 11 at
 * which every title fits the panel width on one line, else the largest down
 * to 9 on two lines (broken before "vs"), else 9 on two lines.
 */
function fitTitles(titles: readonly string[], width: number, max: number): TitleFit {
  const room = width - 8;
  const widest = (lines: readonly (readonly string[])[]) => Math.max(0, ...lines.flatMap((l) => l.map(textWidth)));
  const tries = [
    { lines: titles.map((t) => [t]), min: 11 },
    { lines: titles.map(wrap), min: 9 },
  ];
  for (const { lines, min } of tries) {
    const w = widest(lines);
    for (let size = max; size >= min; size -= 0.5) {
      if (w * size <= room) return { fontSize: size, lines };
    }
  }
  return { fontSize: 9, lines: tries[1]!.lines };
}

function element<K extends keyof SVGElementTagNameMap>(document: Document, name: K): SVGElementTagNameMap[K] {
  return document.createElementNS(svgNs, name);
}

function text(document: Document, content: string, x: number, y: number, attributes: Record<string, string | number>): SVGTextElement {
  const t = element(document, "text");
  t.setAttribute("x", String(x));
  t.setAttribute("y", String(y));
  for (const [name, value] of Object.entries(attributes)) t.setAttribute(name, String(value));
  t.textContent = content;
  return t;
}

const copied = ["class", "fill", "font-family", "font-size", "font-variant", "text-anchor", "style"];

/** Moves a plot's children into a <g> translated to (x, y), keeping the root's styling. */
function adopt(document: Document, part: PanelPart, x: number, y: number): SVGGElement {
  const g = element(document, "g");
  for (const name of copied) {
    const value = part.svg.getAttribute(name);
    if (value != null) g.setAttribute(name, value);
  }
  g.setAttribute("class", [part.className, part.svg.getAttribute("class")].filter(Boolean).join(" "));
  g.setAttribute("transform", `translate(${x},${y})`);
  while (part.svg.firstChild) g.appendChild(part.svg.firstChild);
  return g;
}

/** Keeps the first of identical <style> elements (each plot brings its own). */
function dedupeStyles(root: Element): void {
  const seen = new Set<string>();
  for (const style of Array.from(root.querySelectorAll("style"))) {
    const css = style.textContent ?? "";
    if (seen.has(css)) style.remove();
    else seen.add(css);
  }
}

/** Lays out the panels and returns the figure's root <svg>. */
export function layout(panels: readonly Panel[], options: LayoutOptions): SVGSVGElement {
  const { document, columns, panelWidth, plotHeight, gap, fontFamily } = options;
  const fit = fitTitles(
    panels.map((p) => p.title),
    panelWidth,
    options.titleFontSize,
  );
  const lineHeight = Math.round(fit.fontSize * 1.25);
  const titleHeight = lineHeight * Math.max(1, ...fit.lines.map((l) => l.length)) + 4;
  const rows = Math.ceil(panels.length / columns);
  const gridWidth = columns * panelWidth + (columns - 1) * gap;
  const headingWidth = Math.max(options.title ? textWidth(options.title) * 15 : 0, options.subtitle ? textWidth(options.subtitle) * 12 : 0);
  const width = Math.ceil(Math.max(gridWidth, headingWidth) + 2 * gap);
  const left = (width - gridWidth) / 2;

  let top = gap;
  const heading: SVGTextElement[] = [];
  if (options.title) {
    top += 16;
    const attributes = { class: "nabla-figure-title", "font-size": 15, "font-weight": "bold" };
    heading.push(text(document, options.title, width / 2, top, attributes));
    top += 6;
  }
  if (options.subtitle) {
    top += 13;
    const attributes = { class: "nabla-figure-subtitle", "font-size": 12, fill: "#555" };
    heading.push(text(document, options.subtitle, width / 2, top, attributes));
    top += 6;
  }
  const cellHeight = titleHeight + plotHeight;
  const height = top + rows * cellHeight + (rows - 1) * gap + gap;

  const svg = element(document, "svg");
  svg.setAttributeNS(xmlnsNs, "xmlns", svgNs);
  svg.setAttributeNS(xmlnsNs, "xmlns:xlink", xlinkNs);
  svg.setAttribute("class", options.className);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("font-family", fontFamily);
  svg.setAttribute("font-size", "10");
  svg.setAttribute("text-anchor", "middle");
  svg.setAttribute("fill", "currentColor");
  if (options.title) svg.setAttribute("aria-label", options.title);
  if (options.background != null) {
    const rect = element(document, "rect");
    rect.setAttribute("class", "nabla-background");
    rect.setAttribute("width", String(width));
    rect.setAttribute("height", String(height));
    rect.setAttribute("fill", options.background);
    svg.append(rect);
  }
  svg.append(...heading);

  panels.forEach((panel, index) => {
    const row = Math.floor(index / columns);
    const col = index % columns;
    const g = element(document, "g");
    g.setAttribute("class", "nabla-panel");
    g.setAttribute("aria-label", panel.title);
    g.setAttribute("data-row", String(row));
    g.setAttribute("data-col", String(col));
    for (const [name, value] of Object.entries(panel.attributes ?? {})) g.setAttribute(name, value);
    g.setAttribute("transform", `translate(${left + col * (panelWidth + gap)},${top + row * (cellHeight + gap)})`);
    fit.lines[index]!.forEach((line, l) => {
      g.append(
        text(document, line, panelWidth / 2, lineHeight * (l + 1) - 2, {
          class: "nabla-panel-title",
          "font-size": fit.fontSize,
        }),
      );
    });
    let x = 0;
    for (const part of panel.parts) {
      g.append(adopt(document, part, x, titleHeight));
      x += Number(part.svg.getAttribute("width"));
    }
    svg.append(g);
  });
  dedupeStyles(svg);
  return svg;
}
