import { displayNames, type ErrorTable, type FigureSpec, type Rendered } from "@nabla/pipeline";
import { inputSymbol, outputSymbol } from "@nabla/plot";
import katex from "katex";
import { inlineSvg } from "./inlineSvg.js";
import { katexCss } from "./katexCss.js";
import { computedOnOf, computedOnPhrase } from "./computedOn.js";
import { paramsRecord } from "./writeData.js";
import { shownPath } from "./shownPath.js";

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A number for the error table: 4 significant digits, exponent when small or large. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === 0) return "0";
  const a = Math.abs(value);
  return a >= 1e-3 && a < 1e4 ? String(Number(value.toPrecision(4))) : value.toExponential(3);
}

const ORDER_LABELS = ["value f", "Jacobian ∂f/∂x", "Hessian ∂²f/∂x²"];
const roleTitle = (role: string, withTruth: boolean): string =>
  role === "truth"
    ? "The truth f"
    : role === "network"
      ? withTruth
        ? "The network f̂, over the truth (dashed)"
        : "The network f̂"
      : "The network's error";

/** How inputs and outputs are shown: their names, or x₁, f₃ when the names only number them. */
function symbols(params: Rendered<unknown>["params"]) {
  const names = { inputNames: displayNames(params.inputs), outputNames: displayNames(params.outputs) };
  return { input: (i: number) => inputSymbol(i, names), output: (k: number) => outputSymbol(k, names) };
}

function errorTableHtml(table: ErrorTable, params: Rendered<unknown>["params"]): string {
  const { input, output } = symbols(params);
  const drawn = params.output;
  const where =
    table.where === "profile"
      ? `along ${escape(input(params.sweep))} (${table.points} points)`
      : `over ${escape(input(params.mapInputs![0]))} × ${escape(input(params.mapInputs![1]))} (${table.points} points)`;
  const rows = table.rows
    .map(
      (r) =>
        `<tr${r.output === drawn ? ' class="drawn"' : ""} data-output="${r.output}" data-order="${r.order}"><td>${escape(output(r.output))}</td><td>${ORDER_LABELS[r.order]}</td><td>${r.count}</td>` +
        [r.absMax, r.absRms, r.relMax, r.relRms].map((v) => `<td class="num" data-value="${v}">${formatNumber(v)}</td>`).join("") +
        "</tr>",
    )
    .join("\n");
  return `<table class="errors" data-grid="${table.where}">
<caption>Errors ${where}</caption>
<thead><tr><th rowspan="2">output</th><th rowspan="2">quantity</th><th rowspan="2">numbers</th><th colspan="2">absolute |f̂ − f|</th><th colspan="2">relative |f̂ − f| / (|f| + ${table.eps})</th></tr>
<tr><th>max</th><th>RMS</th><th>max</th><th>RMS</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function figureHtml(spec: FigureSpec, svg: string): string {
  return `<figure id="${spec.name}" class="figure ${spec.kind}">
${inlineSvg(svg, spec.name)}
<figcaption>${spec.name} — <a href="figures/${spec.name}.svg">SVG</a> · <a href="figures/${spec.name}.png">PNG</a></figcaption>
</figure>`;
}

const STYLE = `
body { font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 32px 64px; background: white; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 28px 0 8px; }
.lede { color: #555; margin: 0 0 16px; }
.formula { font-size: 18px; overflow-x: auto; padding: 8px 0; }
table { border-collapse: collapse; margin: 8px 0 20px; font-size: 14px; }
th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: "DejaVu Sans Mono", monospace; }
tr.drawn td { background: #fff8e0; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
pre { background: #f6f6f6; border: 1px solid #e4e4e4; padding: 10px 14px; overflow-x: auto; font-size: 13px; }
figure { margin: 12px 0 28px; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { text-align: center; }
figcaption { color: #666; font-size: 13px; }
nav a, figcaption a { color: #1f5fa8; }
.summary { color: #555; font-size: 13px; }
`;

/** What float32 means for the numbers shown, when the network was computed in it. */
const float32Note = ({ derivatives }: Pick<Rendered<unknown>, "derivatives">): string =>
  derivatives.model?.computedOn.precision === "float32"
    ? " — the network's derivatives in float32 (about 7 significant digits; @nabla/gpu states them within 1e-4 of float64 for Jacobians and 1e-3 for Hessians, relative to each output's largest), so its errors include that rounding"
    : "";

const number = (v: number) => String(v).replace("-", "−");

/** The parameters used, as rows of the page's table. */
export function parameterRows(result: Pick<Rendered<unknown>, "params" | "derivatives">): [string, string][] {
  const { params } = result;
  const on = computedOnOf(result.derivatives);
  const record = paramsRecord(result);
  const { input, output } = symbols(params);
  const rows: [string, string | null][] = [
    ["function", record["function"] as string | null],
    ["model", typeof record["model"] === "string" ? shownPath(record["model"]) : null],
    [
      "derivatives with respect to",
      params.model ? (record["physical"] ? "the physical inputs (through the input transformer)" : "the network's own inputs") : null,
    ],
    ["inputs", params.inputs.map((_, i) => `${input(i)} ∈ [${number(params.ranges[i]![0])}, ${number(params.ranges[i]![1])}]`).join(", ")],
    [
      "outputs",
      params.outputs.map((_, k) => output(k)).join(", ") + (params.restricted ? ` (the network computes ${output(params.output)} only)` : ""),
    ],
    ["output drawn", output(params.output)],
    [
      "profile",
      `along ${input(params.sweep)}, ${params.points} points${
        params.inputs.length > 1
          ? `, ${params.inputs
              .map((_, i) => i)
              .filter((i) => i !== params.sweep)
              .map((i) => `${input(i)} = ${number(params.fixed[i]!)}`)
              .join(", ")}`
          : ""
      }`,
    ],
    [
      "maps",
      params.mapInputs
        ? `over ${input(params.mapInputs[0])} × ${input(params.mapInputs[1])}, ${params.mapPoints} × ${params.mapPoints} points${
            params.inputs.length > 2
              ? `, ${params.inputs
                  .map((_, i) => i)
                  .filter((i) => !params.mapInputs!.includes(i))
                  .map((i) => `${input(i)} = ${number(params.fixed[i]!)}`)
                  .join(", ")}`
              : ""
          }`
        : "none",
    ],
    ["error", params.error === "relative" ? `relative, (f̂ − f)/(|f| + ${params.eps})` : "absolute, f̂ − f"],
    ["derivatives drawn", params.orders.map((o) => ["values", "first", "second"][o]).join(", ")],
    ["network computed on", on.network ? on.network.summary : null],
    ["function computed on", on.function ? on.function.summary : null],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== null);
}

export interface HtmlOptions {
  readonly result: Rendered<string>;
  readonly seconds: number;
  readonly dataFiles: readonly string[];
}

/** The report page: the function's formula, the model, the parameters, the error tables and the figures, all inline. */
export function reportHtml({ result, seconds, dataFiles }: HtmlOptions): string {
  const { params, errors, figures, rendered } = result;
  const truth = params.truth?.info;
  const model = params.model?.info;
  const title = truth && model ? `${model.title} against ${truth.title}` : (truth?.title ?? model?.title ?? "report");
  const formula = truth?.latex ? katex.renderToString(truth.latex, { displayMode: true, output: "htmlAndMathml", throwOnError: false }) : "";
  const paramRows = parameterRows(result)
    .map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`)
    .join("\n");
  const roles = [...new Set(figures.map((f) => f.role))];
  const figureSections = roles
    .map(
      (role) =>
        `<h3>${roleTitle(role, truth !== undefined)}</h3>\n` + figures.map((f, i) => (f.role === role ? figureHtml(f, rendered[i]!) : "")).join("\n"),
    )
    .join("\n");
  const tables = errors.map((t) => errorTableHtml(t, params)).join("\n");
  const sections: [string, string][] = [
    ...(truth ? [["function", "function"] as [string, string]] : []),
    ...(model ? [["model", "model"] as [string, string]] : []),
    ...(errors.length ? [["errors", "errors"] as [string, string]] : []),
    ["figures", "figures"],
    ["parameters", "parameters"],
    ["data", "data"],
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nabla report — ${escape(title)}</title>
<style>${katexCss()}</style>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>nabla report</h1>
<p class="lede">${escape(title)}: values, first and second derivatives${model && truth ? ", and how far the network's are from the truth" : ""}.</p>
<p class="computed-on">Computed with ${escape(computedOnPhrase(computedOnOf(result.derivatives)))}${float32Note(result)}.</p>
<nav>${sections.map(([id, label]) => `<a href="#${id}">${label}</a>`).join(" · ")}</nav>
${truth ? `<h2 id="function">The function: ${escape(truth.title)}</h2>\n<div class="formula">${formula}</div>` : ""}
${model ? `<h2 id="model">The model: ${escape(model.title)}</h2>\n<pre class="model-summary">${escape(model.summary ?? model.format ?? "")}</pre>` : ""}
${errors.length ? `<h2 id="errors">Errors of the network</h2>\n${tables}` : ""}
<h2 id="figures">Figures of ${escape(symbols(params).output(params.output))}</h2>
${figureSections}
<h2 id="parameters">Parameters</h2>
<table class="params"><tbody>
${paramRows}
</tbody></table>
<h2 id="data">Data</h2>
<p>${dataFiles.map((f) => `<a href="data/${f}">${f}</a>`).join(" · ")}</p>
<p class="summary">Written by nabla on ${new Date().toISOString().replace("T", " ").slice(0, 19)} UTC in ${seconds.toFixed(1)} s.</p>
</main>
</body>
</html>
`;
}
