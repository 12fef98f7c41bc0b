import type { ErrorKind } from "@nabla/plot";
import { radioGroup } from "../controls/choice.js";
import { numberField } from "../controls/numberField.js";
import { h } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

/** How the network's error is measured: relative, (f̂ − f)/(|f| + eps), or absolute, f̂ − f. */
export function errorPanel(view: View, update: Update): Panel {
  const kind = radioGroup<ErrorKind>(
    "Error measure",
    [
      { value: "relative", label: "Relative (f̂ − f)/(|f| + eps)" },
      { value: "absolute", label: "Absolute f̂ − f" },
    ],
    view.state.error,
    (error) => update({ error }),
  );
  kind.element.classList.add("plain");
  const eps = numberField({ label: "eps", value: view.state.eps, min: Number.MIN_VALUE, onChange: (v) => update({ eps: v }) });
  const element = h("fieldset", { class: "panel" }, h("legend", {}, "Error"), kind.element, eps.element);
  return {
    element,
    update(v) {
      element.hidden = v.state.compare !== "both" || (v.resolved !== undefined && !(v.resolved.truth && v.resolved.model));
      kind.set(v.state.error);
      eps.set(v.state.eps);
      eps.input.disabled = v.state.error !== "relative";
    },
  };
}
