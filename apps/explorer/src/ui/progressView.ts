import { h, uid } from "./dom.js";

export interface ProgressView {
  readonly element: HTMLElement;
  /** Work started or went on: `fraction` from 0 to 1, or undefined while it has not reported yet. */
  working(fraction?: number, text?: string): void;
  /** Work done, drawn in `ms` milliseconds since the control changed (`data-ms`; `data-count` counts updates). */
  done(ms: number): void;
  /** Nothing to compute. */
  idle(text: string): void;
}

/** The progress of one pipeline (profiles or maps) and how long its last update took. */
export function progressView(label: string, key: string): ProgressView {
  const id = uid("progress");
  const bar = h("progress", { id, max: 1, "aria-label": `${label}: progress` });
  const text = h("span", { class: "progress-text" });
  const element = h(
    "div",
    { class: "progress", "data-progress": key, "aria-live": "polite" },
    h("span", { class: "progress-label" }, label),
    bar,
    text,
  );
  return {
    element,
    working(fraction, message) {
      element.dataset["state"] = "working";
      if (fraction === undefined) bar.removeAttribute("value");
      else bar.value = fraction;
      text.textContent = message ?? (fraction === undefined ? "computing…" : `${Math.round(fraction * 100)} %`);
    },
    done(ms) {
      element.dataset["state"] = "done";
      element.dataset["count"] = String(Number(element.dataset["count"] ?? 0) + 1);
      element.dataset["ms"] = String(Math.round(ms));
      bar.value = 1;
      text.textContent = `updated in ${Math.round(ms)} ms`;
    },
    idle(message) {
      element.dataset["state"] = "idle";
      bar.value = 0;
      text.textContent = message;
    },
  };
}
