import type { FigureSpec } from "@nabla/pipeline";

/** Room around the panels: the card's padding and border, the figure's own margins. */
const CARD_PADDING = 56;
/** Space between two cards. */
const GAP = 16;

/**
 * A title that fits above two panels: the error's says what is measured (its
 * subtitle gives the formula, the page's heading the names); the others keep theirs.
 */
function shortTitle(spec: FigureSpec): { title?: string } {
  if (spec.role !== "error") return {};
  return { title: `${spec.options.error === "absolute" ? "Absolute" : "Relative"} error of the network f̂ against the truth f` };
}

/**
 * The spec with panels sized so that two figures stand side by side where the
 * page is wide enough (one per row otherwise), for functions of up to three
 * inputs; larger grids keep @nabla/plot's sizes and wrap.
 */
export function sizedSpec(spec: FigureSpec, available: number): FigureSpec {
  const nIn = spec.data.nIn;
  if (nIn > 3 || available <= 0) return spec;
  const perFigure = (available >= 1000 ? (available - GAP) / 2 : available) - CARD_PADDING;
  const columns = spec.order === 0 ? 1 : nIn;
  const gaps = (columns - 1) * 20;
  const panelWidth = Math.floor(Math.min(440, Math.max(spec.kind === "map" ? 200 : 160, (perFigure - gaps) / columns)));
  return { ...spec, options: { ...spec.options, panelWidth, ...shortTitle(spec) } } as FigureSpec;
}
