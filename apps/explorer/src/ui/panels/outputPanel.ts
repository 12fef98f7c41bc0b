import { outputPicker } from "../controls/outputPicker.js";
import { h } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

/** The output drawn, by name. */
export function outputPanel(_view: View, update: Update): Panel {
  const picker = outputPicker("Output drawn", (output) => update({ output }));
  const element = h("fieldset", { class: "panel" }, h("legend", {}, "Output"), picker.element);
  return {
    element,
    update(v) {
      if (v.resolved) picker.set(v.resolved.outputs, v.resolved.output);
    },
  };
}
