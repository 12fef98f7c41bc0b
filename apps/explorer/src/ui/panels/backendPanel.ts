import type { BackendChoice } from "../../state/state.js";
import { selectField } from "../controls/choice.js";
import { h } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

/**
 * Why the gpu.js backend cannot be chosen: @nabla/gpu has no public entry
 * point yet, and the pipeline's parameters accept the CPU backend only.
 */
export const GPU_UNAVAILABLE = "Not available yet: @nabla/gpu does not export a Backend, and @nabla/pipeline accepts only the CPU backend.";

/** The tensor backend the derivatives are computed on. */
export function backendPanel(view: View, update: Update): Panel {
  const select = selectField<BackendChoice>(
    "Compute on",
    [
      { value: "cpu", label: "CPU, float64 (reference)" },
      { value: "gpu", label: "GPU, gpu.js float32", disabled: true, title: GPU_UNAVAILABLE },
    ],
    "cpu",
    (backend) => update({ backend }),
  );
  const note = h("p", { class: "hint" }, `GPU (gpu.js): ${GPU_UNAVAILABLE}`);
  select.select.setAttribute("aria-describedby", (note.id = "backend-note"));
  const element = h("fieldset", { class: "panel" }, h("legend", {}, "Backend"), select.element, note);
  return {
    element,
    update(v) {
      select.set(v.state.backend === "gpu" ? "cpu" : v.state.backend);
    },
  };
}
