import type { FigureSpec } from "@nabla/pipeline";
import type { Role } from "@nabla/plot";
import { h } from "./dom.js";
import { figureCard, type FigureCard } from "./figureCard.js";

const ROLES: readonly Role[] = ["truth", "network", "error"];
const KINDS = ["profile", "map"] as const;
type Kind = (typeof KINDS)[number];

/** A figure drawn, with the spec it was drawn from. */
export interface Drawn {
  readonly spec: FigureSpec;
  readonly svg: SVGSVGElement;
}

export interface FigureBoard {
  readonly element: HTMLElement;
  /** Shows the figures of one kind, replacing those of that kind (none: clears it). */
  show(kind: Kind, drawn: readonly Drawn[], titles: Partial<Record<Role, string>>): void;
  /** Marks one kind's figures as out of date (new ones are being computed). */
  stale(kind: Kind, stale: boolean): void;
}

/**
 * The figures, grouped by role (truth, network, error) and, in each group,
 * profiles before maps, lower orders first.
 */
export function figureBoard(onError: (error: Error) => void): FigureBoard {
  const element = h("div", { class: "figures" });
  const sections = new Map<Role, { section: HTMLElement; heading: HTMLElement; grid: HTMLElement }>();
  const cards = new Map<string, { card: FigureCard; spec: FigureSpec }>();

  const sectionOf = (role: Role) => {
    let s = sections.get(role);
    if (!s) {
      const heading = h("h2", {});
      const grid = h("div", { class: "figure-grid" });
      const section = h("section", { class: "role", "data-role": role }, heading, grid);
      s = { section, heading, grid };
      sections.set(role, s);
    }
    return s;
  };
  const rank = (spec: FigureSpec) => KINDS.indexOf(spec.kind) * 10 + spec.order;

  const layout = (titles: Partial<Record<Role, string>>) => {
    const present: HTMLElement[] = [];
    for (const role of ROLES) {
      const entries = [...cards.values()].filter((c) => c.spec.role === role).sort((a, b) => rank(a.spec) - rank(b.spec));
      if (entries.length === 0) continue;
      const s = sectionOf(role);
      if (titles[role]) s.heading.textContent = titles[role]!;
      // Re-appending in order moves only what is out of place.
      entries.forEach((e, i) => s.grid.children[i] !== e.card.element && s.grid.insertBefore(e.card.element, s.grid.children[i] ?? null));
      while (s.grid.children.length > entries.length) s.grid.lastElementChild!.remove();
      present.push(s.section);
    }
    element.replaceChildren(...present);
  };

  return {
    element,
    show(kind, drawn, titles) {
      const names = new Set(drawn.map((d) => d.spec.name));
      for (const [name, entry] of cards) {
        if (entry.spec.kind === kind && !names.has(name)) {
          entry.card.element.remove();
          cards.delete(name);
        }
      }
      for (const { spec, svg } of drawn) {
        let entry = cards.get(spec.name);
        if (!entry) entry = { card: figureCard(spec.name, onError), spec };
        entry.card.show(spec, svg);
        entry.card.element.classList.remove("stale");
        cards.set(spec.name, { card: entry.card, spec });
      }
      layout(titles);
    },
    stale(kind, stale) {
      for (const { card, spec } of cards.values()) if (spec.kind === kind) card.element.classList.toggle("stale", stale);
    },
  };
}
