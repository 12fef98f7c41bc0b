import { h, uid } from "../dom.js";
import { matchNames, type Match } from "./matchNames.js";

/** Up to this many outputs get a plain `<select>`; more get a searchable list. */
export const SELECT_LIMIT = 50;

/** How many matches the list shows. */
const SHOWN = 100;

export interface OutputPicker {
  readonly element: HTMLElement;
  /** The outputs' names and the selected one's index. */
  set(names: readonly string[], selected: number): void;
}

/**
 * The output drawn: a `<select>` for a few outputs, a combobox (type to
 * search, arrows to move, Enter to choose, Escape to close) for thousands.
 */
export function outputPicker(label: string, onChange: (index: number) => void): OutputPicker {
  const element = h("div", { class: "field output-picker" });
  let names: readonly string[] = [];
  let selected = 0;
  let mode: "select" | "search" | undefined;

  // The <select> form.
  const selectId = uid("output");
  const select = h("select", { id: selectId });
  select.addEventListener("change", () => onChange(Number(select.value)));

  // The combobox form (ARIA 1.2 combobox with a listbox popup).
  const inputId = uid("output-search");
  const listId = uid("output-list");
  const hintId = uid("output-hint");
  const input = h("input", {
    id: inputId,
    type: "text",
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-describedby": hintId,
  });
  const list = h("ul", { id: listId, role: "listbox", "aria-label": `${label}: matches`, class: "listbox", hidden: true });
  const hint = h("p", { id: hintId, class: "hint" });
  let matches: Match[] = [];
  let active = -1;

  const showSelected = () => {
    input.value = names[selected] ?? "";
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (i: number) => {
    active = i;
    list.querySelectorAll('[aria-selected="true"]').forEach((li) => li.setAttribute("aria-selected", "false"));
    const li = list.children[i] as HTMLElement | undefined;
    if (li) {
      li.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    }
  };
  const open = () => {
    matches = matchNames(names, input.value === names[selected] ? "" : input.value, SHOWN);
    list.replaceChildren(
      ...matches.map((m, i) =>
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            "aria-selected": "false",
            "data-index": m.index,
            onmousedown: (e: MouseEvent) => e.preventDefault(),
            onclick: () => choose(i),
          },
          m.name,
        ),
      ),
    );
    list.hidden = matches.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    hint.textContent = `${names.length} outputs; ${matches.length === SHOWN ? `the first ${SHOWN} matches shown, type to narrow` : `${matches.length} match${matches.length === 1 ? "" : "es"}`}.`;
    highlight(matches.findIndex((m) => m.index === selected));
  };
  const choose = (i: number) => {
    const m = matches[i];
    if (!m) return;
    selected = m.index;
    showSelected();
    close();
    onChange(m.index);
  };
  input.addEventListener("input", open);
  input.addEventListener("focus", () => input.select());
  input.addEventListener("blur", () => {
    close();
    showSelected();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) open();
      const n = matches.length;
      if (n > 0) highlight(event.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === "Escape") {
      close();
      showSelected();
    }
  });

  return {
    element,
    set(newNames, newSelected) {
      const next = newNames.length > SELECT_LIMIT ? "search" : "select";
      const changed = newNames !== names && newNames.join("\n") !== names.join("\n");
      names = newNames;
      selected = newSelected;
      if (next !== mode) {
        mode = next;
        element.replaceChildren(
          ...(mode === "select"
            ? [h("label", { for: selectId }, label), select]
            : [h("label", { for: inputId }, label), h("div", { class: "combobox" }, input, list), hint]),
        );
        hint.textContent = `${names.length} outputs: type part of a name.`;
      }
      if (mode === "select") {
        if (changed || select.options.length === 0) select.replaceChildren(...names.map((name, i) => h("option", { value: i }, name)));
        if (document.activeElement !== select) select.value = String(selected);
      } else if (document.activeElement !== input) {
        hint.textContent = `${names.length} outputs: type part of a name.`;
        showSelected();
      }
    },
  };
}
