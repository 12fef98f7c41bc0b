import { numberField } from "../controls/numberField.js";
import { h } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

/** Points along a profile and per axis of a map. */
export function samplingPanel(view: View, update: Update): Panel {
  const points = numberField({
    label: "Points per profile",
    value: view.state.points,
    min: 2,
    max: 100000,
    integer: true,
    onChange: (v) => update({ points: v }),
  });
  const mapPoints = numberField({
    label: "Points per map axis",
    value: view.state.mapPoints,
    min: 2,
    max: 1000,
    integer: true,
    onChange: (v) => update({ mapPoints: v }),
  });
  const element = h("fieldset", { class: "panel" }, h("legend", {}, "Sampling"), h("div", { class: "pair" }, points.element, mapPoints.element));
  return {
    element,
    update(v) {
      points.set(v.state.points);
      mapPoints.set(v.state.mapPoints);
      mapPoints.input.disabled = !v.state.maps;
    },
  };
}
