import { h, uid } from "../dom.js";

export interface Option<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly disabled?: boolean;
  /** Shown as a tooltip: why an option is disabled. */
  readonly title?: string;
}

export interface RadioGroup<T extends string> {
  readonly element: HTMLFieldSetElement;
  set(value: T): void;
}

/** Radio buttons in a fieldset whose legend labels them (arrow keys move between them). */
export function radioGroup<T extends string>(legend: string, options: readonly Option<T>[], value: T, onChange: (value: T) => void): RadioGroup<T> {
  const name = uid("radio");
  const inputs = options.map((option) => {
    const input = h("input", { type: "radio", name, value: option.value, disabled: option.disabled });
    input.checked = option.value === value;
    input.addEventListener("change", () => input.checked && onChange(option.value));
    return { option, input };
  });
  const element = h(
    "fieldset",
    { class: "choice" },
    h("legend", {}, legend),
    ...inputs.map(({ option, input }) => h("label", { class: "inline", title: option.title }, input, ` ${option.label}`)),
  );
  return {
    element,
    set(v) {
      for (const { option, input } of inputs) input.checked = option.value === v;
    },
  };
}

export interface SelectField<T extends string> {
  readonly element: HTMLElement;
  readonly select: HTMLSelectElement;
  set(value: T): void;
  setOptions(options: readonly Option<T>[], value: T): void;
}

/** A labelled `<select>`. */
export function selectField<T extends string>(label: string, options: readonly Option<T>[], value: T, onChange: (value: T) => void): SelectField<T> {
  const id = uid("select");
  const select = h("select", { id });
  const fill = (list: readonly Option<T>[], v: T) => {
    select.replaceChildren(...list.map((o) => h("option", { value: o.value, disabled: o.disabled, title: o.title }, o.label)));
    select.value = v;
  };
  fill(options, value);
  select.addEventListener("change", () => onChange(select.value as T));
  const element = h("div", { class: "field" }, h("label", { for: id }, label), select);
  return {
    element,
    select,
    set(v) {
      if (select.value !== v) select.value = v;
    },
    setOptions: fill,
  };
}
