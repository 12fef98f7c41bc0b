import { maps, profiles, type MapData, type MapsOptions, type Order, type ProfileData, type ProfilesOptions, type Role } from "@nabla/plot";

/** One figure to draw: its data and the options of its @nabla/plot builder, with no document yet. */
export type FigureSpec =
  | {
      /** File-friendly and stable: "1-truth-d1-profile", "3-error-d2-map". */
      readonly name: string;
      readonly kind: "profile";
      readonly role: Role;
      readonly order: Order;
      readonly data: ProfileData;
      readonly options: ProfilesOptions;
    }
  | {
      readonly name: string;
      readonly kind: "map";
      readonly role: Role;
      readonly order: Order;
      readonly data: MapData;
      readonly options: MapsOptions;
    };

/** Draws a figure: an `<svg>` created in `document` (the page's when omitted). */
export function drawFigure(spec: FigureSpec, document?: Document): SVGSVGElement {
  const extra = document ? { document } : {};
  return spec.kind === "profile" ? profiles(spec.data, { ...spec.options, ...extra }) : maps(spec.data, { ...spec.options, ...extra });
}

/** Turns a figure into what a consumer shows: a DOM element, SVG text, PNG bytes. */
export type FigureRenderer<R> = (spec: FigureSpec) => R;
