import { selectField } from "../controls/choice.js";
import { h, uid } from "../dom.js";
import type { Panel, Update, View } from "../view.js";

/** The kinds of network a user can open. */
export type UploadKind = "nnbma" | "onnx" | "safetensors";

/** A labelled file input. */
function fileInput(label: string, hint: string, attributes: Record<string, string | boolean>, onFiles: (files: File[]) => void) {
  const id = uid("upload");
  const input = h("input", { id, type: "file", ...attributes, "aria-describedby": `${id}-hint` });
  input.addEventListener("change", () => {
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length > 0) onFiles(files);
  });
  return h("div", { class: "field upload" }, h("label", { for: id }, label), input, h("p", { id: `${id}-hint`, class: "hint" }, hint));
}

/** The network: the embedded seed or a file the user opens, its summary as nnbma prints it, and what is wrong with it. */
export function networkPanel(view: View, update: Update, onUpload: (kind: UploadKind, files: File[]) => void): Panel {
  const source = selectField<"seed" | "upload">("Network", [{ value: "seed", label: "Seed network (nnbma, embedded)" }], view.state.model, (model) =>
    update({ model }),
  );
  const physicalId = uid("physical");
  const physical = h("input", { id: physicalId, type: "checkbox" });
  physical.addEventListener("change", () => update({ physical: physical.checked }));
  const uploads = h(
    "details",
    { class: "uploads" },
    h("summary", {}, "Open a network…"),
    fileInput("nnbma folder", "The folder nnbma's NeuralNetwork.save wrote.", { webkitdirectory: true, multiple: true }, (files) =>
      onUpload("nnbma", files),
    ),
    fileInput("ONNX file", "A network exported to .onnx.", { accept: ".onnx" }, (files) => onUpload("onnx", files)),
    fileInput(
      "safetensors + spec",
      "Pick both: the .safetensors weights and the architecture spec (.json).",
      { accept: ".safetensors,.json", multiple: true },
      (files) => onUpload("safetensors", files),
    ),
  );
  const status = h("p", { class: "status-line", "aria-live": "polite" });
  const summary = h("pre", { class: "summary", "aria-label": "Network summary" });
  const error = h("pre", { class: "error", role: "alert", hidden: true });
  const element = h(
    "fieldset",
    { class: "panel" },
    h("legend", {}, "Network f̂"),
    source.element,
    uploads,
    h("label", { class: "inline", for: physicalId }, physical, " Physical inputs (through the input transformer)"),
    status,
    summary,
    error,
  );
  let uploadName: string | undefined;
  return {
    element,
    update(v) {
      element.hidden = v.state.compare === "truth";
      if (v.upload?.name !== uploadName) {
        uploadName = v.upload?.name;
        source.setOptions(
          [
            { value: "seed", label: "Seed network (nnbma, embedded)" },
            ...(v.upload ? [{ value: "upload" as const, label: `Opened: ${v.upload.name} (${v.upload.format})` }] : []),
          ],
          v.state.model,
        );
      }
      source.set(v.state.model);
      physical.checked = v.state.physical;
      const info = v.model.info;
      status.textContent = v.model.pending
        ? "Opening the network…"
        : info
          ? `${info.title}: ${info.format ?? "model"}, ${info.inputs.length} input${info.inputs.length === 1 ? "" : "s"}, ${info.outputs.length} output${info.outputs.length === 1 ? "" : "s"}`
          : "";
      summary.textContent = info?.summary ?? "";
      summary.hidden = !info?.summary;
      const problem = v.uploadError ?? v.model.error;
      error.hidden = !problem;
      error.textContent = problem?.message ?? "";
    },
  };
}
