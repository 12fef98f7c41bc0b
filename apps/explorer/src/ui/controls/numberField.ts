import { h, setValue, showNumber, uid } from "../dom.js";

export interface NumberFieldOptions {
  readonly label: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number | "any";
  readonly integer?: boolean;
  /** Called with a valid number when the user commits one (Enter, or leaving the field). */
  readonly onChange: (value: number) => void;
  readonly describedBy?: string;
  readonly className?: string;
}

export interface NumberField {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  set(value: number): void;
}

/** A labelled number field that reports valid values only and marks invalid ones. */
export function numberField(options: NumberFieldOptions): NumberField {
  const id = uid("number");
  const input = h("input", {
    id,
    type: "number",
    inputmode: options.integer ? "numeric" : "decimal",
    value: showNumber(options.value),
    min: options.min,
    max: options.max,
    step: options.step ?? (options.integer ? 1 : "any"),
    "aria-describedby": options.describedBy,
  });
  const valid = (v: number) =>
    Number.isFinite(v) &&
    (!options.integer || Number.isInteger(v)) &&
    (options.min === undefined || v >= options.min) &&
    (options.max === undefined || v <= options.max);
  input.addEventListener("change", () => {
    const v = input.valueAsNumber;
    const ok = input.value.trim() !== "" && valid(v);
    input.setAttribute("aria-invalid", String(!ok));
    if (ok) options.onChange(v);
  });
  const element = h("div", { class: `field number-field ${options.className ?? ""}` }, h("label", { for: id }, options.label), input);
  return {
    element,
    input,
    set(value) {
      setValue(input, showNumber(value));
      if (document.activeElement !== input) input.removeAttribute("aria-invalid");
    },
  };
}
