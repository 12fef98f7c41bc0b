import { h, setValue, showNumber, uid } from "../dom.js";

export interface SliderFieldOptions {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** Called as the slider moves, and when a number is typed. */
  readonly onInput: (value: number) => void;
}

export interface SliderField {
  readonly element: HTMLElement;
  readonly slider: HTMLInputElement;
  readonly input: HTMLInputElement;
  set(value: number, min: number, max: number): void;
}

/** Steps along a slider. */
const STEPS = 200;

/**
 * A value with a slider across its range and a number field for exact
 * values (which may leave the range). Both are labelled; arrows, Page Up/Down
 * and Home/End work on the slider.
 */
export function sliderField(options: SliderFieldOptions): SliderField {
  const id = uid("slider");
  const slider = h("input", { id, type: "range", "aria-valuetext": showNumber(options.value) });
  const input = h("input", { type: "number", step: "any", inputmode: "decimal", "aria-label": `${options.label}, exact value` });
  const bounds = (min: number, max: number) => {
    slider.min = String(min);
    slider.max = String(max);
    slider.step = String((max - min) / STEPS);
  };
  bounds(options.min, options.max);
  slider.value = String(options.value);
  input.value = showNumber(options.value);
  slider.addEventListener("input", () => {
    const v = slider.valueAsNumber;
    input.value = showNumber(v);
    slider.setAttribute("aria-valuetext", showNumber(v));
    options.onInput(v);
  });
  input.addEventListener("change", () => {
    const v = input.valueAsNumber;
    const ok = input.value.trim() !== "" && Number.isFinite(v);
    input.setAttribute("aria-invalid", String(!ok));
    if (!ok) return;
    slider.value = String(v);
    slider.setAttribute("aria-valuetext", showNumber(v));
    options.onInput(v);
  });
  const element = h("div", { class: "field slider-field" }, h("label", { for: id }, options.label), h("div", { class: "slider-row" }, slider, input));
  return {
    element,
    slider,
    input,
    set(value, min, max) {
      if (document.activeElement !== slider) {
        bounds(min, max);
        slider.value = String(value);
        slider.setAttribute("aria-valuetext", showNumber(value));
      }
      setValue(input, showNumber(value));
    },
  };
}
