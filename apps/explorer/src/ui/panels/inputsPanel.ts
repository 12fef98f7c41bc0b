import type { ResolvedParams } from "@nabla/pipeline";
import { inputSymbol } from "@nabla/plot";
import { selectField, type SelectField } from "../controls/choice.js";
import { numberField, type NumberField } from "../controls/numberField.js";
import { sliderField, type SliderField } from "../controls/sliderField.js";
import { h, uid } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

interface InputRow {
  readonly low: NumberField;
  readonly high: NumberField;
  readonly value: SliderField;
  readonly role: HTMLElement;
}

/** How input i is shown: its name, or x₁, x₂… */
const inputLabel = (names: readonly string[], i: number) => (/^x_?\d+$/.test(names[i] ?? "") ? inputSymbol(i) : names[i]!);

/**
 * The inputs: each one's range and value (where it is held when not swept),
 * the input swept by profiles, the two inputs of maps.
 */
export function inputsPanel(view: View, update: Update): Panel {
  const body = h("div", { class: "inputs" });
  const sweepSlot = h("div");
  const mapSlot = h("div", { class: "map-inputs" });
  const mapsId = uid("maps");
  const maps = h("input", { id: mapsId, type: "checkbox" });
  maps.addEventListener("change", () => update({ maps: maps.checked }));
  const element = h(
    "fieldset",
    { class: "panel" },
    h("legend", {}, "Inputs"),
    body,
    sweepSlot,
    h("label", { class: "inline", for: mapsId }, maps, " Draw maps over two inputs"),
    mapSlot,
  );

  let resolved: ResolvedParams | undefined;
  let shape = "";
  let rows: InputRow[] = [];
  let sweep: SelectField<string> | undefined;
  let mapX: SelectField<string> | undefined;
  let mapY: SelectField<string> | undefined;

  const setRange = (i: number, end: 0 | 1, v: number) => {
    if (!resolved) return;
    const ranges = resolved.ranges.map((r) => [r[0], r[1]] as [number, number]);
    ranges[i]![end] = v;
    const ok = ranges[i]![0] < ranges[i]![1];
    const field = end === 0 ? rows[i]!.low : rows[i]!.high;
    field.input.setAttribute("aria-invalid", String(!ok));
    if (ok) update({ ranges });
  };
  const setFixed = (i: number, v: number) => {
    if (!resolved) return;
    const fixed = [...resolved.fixed];
    fixed[i] = v;
    update({ fixed });
  };
  const setMap = (axis: 0 | 1, i: number) => {
    if (!resolved?.mapInputs) return;
    const pair = [...resolved.mapInputs] as [number, number];
    const other = pair[1 - axis]!;
    if (other === i) pair[1 - axis] = pair[axis]; // choosing the other axis's input swaps them
    pair[axis] = i;
    update({ mapInputs: pair });
  };

  const build = (names: readonly string[]) => {
    const options = names.map((_, i) => ({ value: String(i), label: inputLabel(names, i) }));
    rows = names.map((_, i) => {
      const label = inputLabel(names, i);
      const low = numberField({ label: "from", value: 0, onChange: (v) => setRange(i, 0, v), className: "compact" });
      const high = numberField({ label: "to", value: 1, onChange: (v) => setRange(i, 1, v), className: "compact" });
      low.input.setAttribute("aria-label", `${label}: lowest value sampled`);
      high.input.setAttribute("aria-label", `${label}: highest value sampled`);
      const value = sliderField({ label: `${label} held at`, value: 0, min: 0, max: 1, onInput: (v) => setFixed(i, v) });
      const role = h("span", { class: "input-role" });
      body.append(
        h(
          "div",
          { class: "input-row", "data-input": i },
          h("div", { class: "input-head" }, h("strong", {}, label), role),
          h("div", { class: "range" }, low.element, high.element),
          value.element,
        ),
      );
      return { low, high, value, role };
    });
    sweep = selectField("Profiles sweep", options, "0", (v) => update({ sweep: Number(v) }));
    sweepSlot.replaceChildren(sweep.element);
    if (names.length >= 2) {
      mapX = selectField("Map: horizontal", options, "0", (v) => setMap(0, Number(v)));
      mapY = selectField("vertical", options, "1", (v) => setMap(1, Number(v)));
      mapSlot.replaceChildren(mapX.element, mapY.element);
    } else {
      mapX = mapY = undefined;
      mapSlot.replaceChildren(h("p", { class: "hint" }, "A function of one input has no maps."));
    }
  };

  return {
    element,
    update(v) {
      maps.checked = v.state.maps;
      if (!v.resolved) return;
      resolved = v.resolved;
      const names = resolved.inputs;
      if (names.join("\n") !== shape) {
        shape = names.join("\n");
        body.replaceChildren();
        build(names);
      }
      const mapInputs = resolved.mapInputs;
      rows.forEach((row, i) => {
        const [low, high] = resolved!.ranges[i]!;
        row.low.set(low);
        row.high.set(high);
        row.value.set(resolved!.fixed[i]!, low, high);
        const roles = [
          i === resolved!.sweep ? "swept by profiles" : "",
          v.state.maps && mapInputs?.[0] === i ? "map x" : "",
          v.state.maps && mapInputs?.[1] === i ? "map y" : "",
        ].filter(Boolean);
        row.role.textContent = roles.join(", ");
      });
      sweep?.set(String(resolved.sweep));
      if (mapInputs) {
        mapX?.set(String(mapInputs[0]));
        mapY?.set(String(mapInputs[1]));
      }
      mapX?.select.toggleAttribute("disabled", !v.state.maps);
      mapY?.select.toggleAttribute("disabled", !v.state.maps);
    },
  };
}
