import type { ComputedOn } from "@nabla/pipeline";
import type { BackendChoice } from "../../state/state.js";
import { selectField } from "../controls/choice.js";
import { h } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

/** The backend panel also hears from the results: what computed the network, or why the GPU could not start. */
export interface BackendPanel extends Panel {
  /** The network's figures shown were computed on `on`. */
  computedOn(on: ComputedOn): void;
  /** The GPU could not start in the workers: why (the CPU is chosen instead). */
  fellBack(reason: string): void;
}

/**
 * Where the network's derivatives are computed: the CPU in float64, or the
 * GPU through @nabla/gpu in float32 (the workers pick its fastest mode: WebGPU
 * where the browser has it, else a gpu.js mode). Under the control, what
 * computed the figures shown, as the workers describe it; the truth is
 * always computed on the CPU in float64, the reference.
 */
export function backendPanel(view: View, update: Update): BackendPanel {
  const select = selectField<BackendChoice>(
    "Compute the network on",
    [
      { value: "cpu", label: "CPU, float64 (reference)" },
      { value: "gpu", label: "GPU, float32 (@nabla/gpu)" },
    ],
    view.state.backend,
    (backend) => {
      fallback.hidden = true;
      update({ backend });
    },
  );
  const status = h("p", { class: "hint backend-status", id: "backend-status", "data-backend": "" });
  // The mode's full description: its engine, and why each faster mode was passed over.
  const why = h("pre", { class: "backend-summary" });
  const details = h("details", { class: "backend-why", hidden: true }, h("summary", {}, "Why this mode"), why);
  const fallback = h("p", { class: "backend-fallback", role: "alert", hidden: true });
  select.select.setAttribute("aria-describedby", "backend-status");
  const element = h("fieldset", { class: "panel" }, h("legend", {}, "Backend"), select.element, status, details, fallback);
  let shown: ComputedOn | undefined;
  let state = view.state;
  const describe = () => {
    const current = shown?.backend === state.backend && state.compare !== "truth" ? shown : undefined;
    if (state.compare === "truth") status.textContent = "The truth is computed on the CPU in float64; the backend applies to the network.";
    else if (current)
      status.textContent = `Network: ${current.name}, ${current.precision}${current.device ? ` on ${current.device}` : ""}. Truth: cpu, float64.`;
    else status.textContent = state.backend === "gpu" ? "Starting the GPU backend in the workers…" : "Network and truth on the CPU, in float64.";
    status.dataset["backend"] = current?.backend ?? "";
    why.textContent = current?.summary.split("; ").join(";\n") ?? "";
    details.hidden = current?.backend !== "gpu";
  };
  describe();
  return {
    element,
    update(v) {
      state = v.state;
      select.set(v.state.backend);
      describe();
    },
    computedOn(on) {
      shown = on;
      describe();
    },
    fellBack(reason) {
      fallback.textContent = `The GPU is unavailable here, so the CPU computes instead. ${reason}`;
      fallback.hidden = false;
    },
  };
}
