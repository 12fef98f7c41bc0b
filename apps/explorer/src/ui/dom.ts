/** Attributes and properties of an element made by `h`: strings and numbers become attributes, `on*` functions listeners. */
export type Props = Record<string, string | number | boolean | undefined | null | ((event: never) => void)>;

export type Child = Node | string | null | undefined | false;

/**
 * A new element: `h("button", { type: "button", onclick: () => … }, "Go")`.
 * `true` sets an empty attribute, `false`/`null`/`undefined` sets none.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === "function") element.addEventListener(key.slice(2), value as EventListener);
    else if (value === true) element.setAttribute(key, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(key, String(value));
  }
  element.append(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return element;
}

let counter = 0;

/** A new id for `for`/`aria-*` links, unique in the page. */
export const uid = (prefix: string): string => `${prefix}-${++counter}`;

/** Sets an input's value unless the user is on it (so typing and dragging are never overwritten). */
export function setValue(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

/** A number as a field shows it: at most 6 significant digits, no trailing zeros. */
export const showNumber = (value: number): string => String(Number(value.toPrecision(6)));
