/** Reading rendered figures back: panels, titles, axis labels, positions. */

/** The panels of a figure, in order. */
export function panels(root: Element): Element[] {
  return Array.from(root.querySelectorAll("g.nabla-panel"));
}

/** The title lines of each panel, joined by a space. */
export function panelTitles(root: Element): string[] {
  return panels(root).map((p) => Array.from(p.querySelectorAll(":scope > text.nabla-panel-title"), (t) => t.textContent).join(" "));
}

/** The text of a panel's x or y axis label (the first plot that has one). */
export function axisLabel(panel: Element, axis: "x" | "y"): string | null {
  return panel.querySelector(`g[aria-label="${axis}-axis label"] text`)?.textContent ?? null;
}

/** [lo, hi] from a "lo,hi" data attribute. */
export function domainOf(element: Element, attribute: string): [number, number] {
  const [lo, hi] = element.getAttribute(attribute)!.split(",").map(Number);
  return [lo!, hi!];
}

function translate(element: Element): [number, number] {
  const m = /^translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(element.getAttribute("transform") ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** The sum of the leading translate() of an element and all its ancestors. */
export function offset(element: Element): [number, number] {
  let x = 0;
  let y = 0;
  for (let e: Element | null = element; e != null; e = e.parentElement) {
    const [dx, dy] = translate(e);
    x += dx;
    y += dy;
  }
  return [x, y];
}

/** The box of a <rect> (a plot's frame) in the figure's coordinates. */
export function box(rect: Element): { x: number; y: number; width: number; height: number } {
  const [dx, dy] = offset(rect);
  return {
    x: dx + Number(rect.getAttribute("x")),
    y: dy + Number(rect.getAttribute("y")),
    width: Number(rect.getAttribute("width")),
    height: Number(rect.getAttribute("height")),
  };
}

/** Tick labels of an axis as [value, position along the axis] (Plot writes − for minus). */
export function ticks(plot: Element, axis: "x" | "y"): [number, number][] {
  return Array.from(plot.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`), (t) => {
    const [x, y] = translate(t);
    return [Number(t.textContent!.replace("\u2212", "-")), axis === "x" ? x : y] as [number, number];
  });
}
