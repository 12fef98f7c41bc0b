import { catalogue, hasFunction } from "@nabla/functions";
import { SHAPE_FIELDS } from "../../state/state.js";
import { selectField } from "../controls/choice.js";
import { h, setValue, uid } from "../dom.js";
import { renderLatex } from "../latex.js";
import type { Panel, Update, View } from "../view.js";

const CUSTOM = "custom";

/** Fexample written as expressions: the starting point of "your own function". */
export const EXAMPLE_EXPRESSIONS = "x1 + 2*x2; x1^2; x1*x2^2";

/** How long typing pauses before the expressions are compiled. */
const TYPING_MS = 250;

/** The truth: a catalogue function or the user's expressions, its LaTeX, and what is wrong with it. */
export function truthPanel(view: View, update: Update, carryShape: () => Partial<View["state"]>): Panel {
  const isCatalogue = (truth: string) => hasFunction(truth.trim());
  const picker = selectField(
    "Function",
    [...catalogue.map((fn) => ({ value: fn.id, label: fn.title })), { value: CUSTOM, label: "Your own expressions…" }],
    isCatalogue(view.state.truth) ? view.state.truth.trim() : CUSTOM,
    (value) => {
      // The expressions start from the catalogue function's ranges, values and output, when they fit.
      if (value === CUSTOM) update({ truth: expressions.value.trim() || EXAMPLE_EXPRESSIONS, ...carryShape() }, SHAPE_FIELDS);
      else update({ truth: value }, [...SHAPE_FIELDS, "truthInputs"]);
    },
  );

  const exprId = uid("expressions");
  const errorId = uid("truth-error");
  const expressions = h("textarea", {
    id: exprId,
    rows: 3,
    spellcheck: "false",
    autocapitalize: "off",
    "aria-describedby": `${errorId} ${exprId}-help`,
  });
  expressions.value = isCatalogue(view.state.truth) ? EXAMPLE_EXPRESSIONS : view.state.truth;
  let timer: ReturnType<typeof setTimeout> | undefined;
  expressions.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const text = expressions.value.trim();
      if (text !== "") update({ truth: text });
    }, TYPING_MS);
  });

  const inputsId = uid("truth-inputs");
  const inputNames = h("input", { id: inputsId, type: "text", spellcheck: "false", placeholder: "x1, x2, …", autocomplete: "off" });
  inputNames.addEventListener("change", () => {
    const names = inputNames.value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    update(names.length ? { truthInputs: names } : {}, names.length ? SHAPE_FIELDS : [...SHAPE_FIELDS, "truthInputs"]);
  });

  const custom = h(
    "div",
    { class: "custom-truth" },
    h("label", { for: exprId }, "Expressions, one per output"),
    expressions,
    h(
      "p",
      { id: `${exprId}-help`, class: "hint" },
      "Separate outputs with ; or new lines. Write products with *: 2*x1, x1*x2. Functions: sqrt exp log log10 sin cos tan tanh erf abs min max…",
    ),
    h("div", { class: "field" }, h("label", { for: inputsId }, "Input names (optional)"), inputNames),
  );
  const latex = h("div", { class: "latex", "aria-label": "The function, typeset" });
  const error = h("pre", { id: errorId, class: "error", role: "alert", hidden: true });
  const element = h("fieldset", { class: "panel" }, h("legend", {}, "Truth f"), picker.element, custom, latex, error);

  let shownLatex = "";
  return {
    element,
    update(v) {
      element.hidden = v.state.compare === "network";
      const catalogueTruth = isCatalogue(v.state.truth);
      picker.set(catalogueTruth ? v.state.truth.trim() : CUSTOM);
      custom.hidden = !catalogueTruth ? false : true;
      if (!catalogueTruth) setValue(expressions, expressions.value.trim() === v.state.truth.trim() ? expressions.value : v.state.truth);
      setValue(inputNames, v.state.truthInputs?.join(", ") ?? "");
      const problem = v.truth.error;
      error.hidden = !problem;
      error.textContent = problem ? problem.message : "";
      expressions.setAttribute("aria-invalid", String(Boolean(problem) && !catalogueTruth));
      const tex = v.truth.info?.latex ?? "";
      if (tex !== shownLatex && !problem) {
        shownLatex = tex;
        renderLatex(latex, tex);
      }
      latex.classList.toggle("stale", Boolean(problem) || Boolean(v.truth.pending));
    },
  };
}
