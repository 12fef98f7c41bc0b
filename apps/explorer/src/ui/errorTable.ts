import type { ErrorTable } from "@nabla/pipeline";
import { h } from "./dom.js";

const ORDER_NAME = ["value", "Jacobian", "Hessian"] as const;

/** A statistic as the table shows it: 3 significant digits. */
export const showStat = (value: number): string => (value === 0 ? "0" : Number.isFinite(value) ? value.toExponential(2) : String(value));

/** The network's error against the truth: max and RMS of the absolute and relative errors of value, Jacobian and Hessian, per output. */
export function errorTablesView(): { element: HTMLElement; show(tables: readonly ErrorTable[]): void } {
  const body = h("div", { class: "error-tables" });
  const element = h(
    "section",
    { class: "errors", "aria-labelledby": "error-table-heading" },
    h("h2", { id: "error-table-heading" }, "Network error against the truth"),
    body,
  );
  element.hidden = true;
  return {
    element,
    show(tables) {
      element.hidden = tables.length === 0;
      body.replaceChildren(
        ...tables.map((table) =>
          h(
            "table",
            { "data-where": table.where },
            h("caption", {}, table.where === "profile" ? `Along the profile (${table.points} points)` : `Over the map (${table.points} points)`),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, "output"),
                h("th", { scope: "col" }, "of"),
                h("th", { scope: "col" }, "max |f̂ − f|"),
                h("th", { scope: "col" }, "RMS f̂ − f"),
                h("th", { scope: "col" }, `max relative (eps ${table.eps})`),
                h("th", { scope: "col" }, "RMS relative"),
              ),
            ),
            h(
              "tbody",
              {},
              ...table.rows.map((row) =>
                h(
                  "tr",
                  { "data-output": row.output, "data-order": row.order },
                  h("th", { scope: "row" }, row.name),
                  h("td", {}, ORDER_NAME[row.order]),
                  ...[row.absMax, row.absRms, row.relMax, row.relRms].map((v) => h("td", { class: "num" }, showStat(v))),
                ),
              ),
            ),
          ),
        ),
      );
    },
  };
}
