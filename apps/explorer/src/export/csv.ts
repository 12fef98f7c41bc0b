import type { FigureSpec } from "@nabla/pipeline";
import { inputSymbol, quantityLabel, type Numbers, type Order, type Samples } from "@nabla/plot";

/** One column of a figure's table: a header and the value at each point. */
interface Column {
  readonly header: string;
  readonly at: (p: number) => number;
}

const field = ["value", "jacobian", "hessian"] as const;

/** The (i, j) components of a quantity of this order: one value, n first derivatives, n × n second derivatives. */
function components(order: Order, nIn: number): [number, number][] {
  if (order === 0) return [[0, 0]];
  if (order === 1) return Array.from({ length: nIn }, (_, i) => [i, i]);
  return Array.from({ length: nIn * nIn }, (_, c) => [Math.floor(c / nIn), c % nIn]);
}

/** Where component (k, i, j) of point p lies in a samples array of this order. */
function indexOf(order: Order, nOut: number, nIn: number, p: number, k: number, i: number, j: number): number {
  if (order === 0) return p * nOut + k;
  if (order === 1) return (p * nOut + k) * nIn + i;
  return ((p * nOut + k) * nIn + i) * nIn + j;
}

const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * A figure's data as CSV: one row per point, the swept input(s) first, then
 * every drawn component — the truth's, the network's (and the truth under
 * it), or the error as the figure measures it. Numbers are written in full
 * (they read back to the same float64).
 */
export function figureCsv(spec: FigureSpec): string {
  const { data, order, role } = spec;
  const { nIn, nOut } = data;
  const k = spec.options.output ?? 0;
  const kind = spec.options.error ?? "relative";
  const eps = spec.options.eps ?? 1e-2;
  const names = { inputNames: data.inputNames, outputNames: data.outputNames };
  const columns: Column[] = [];
  let n: number;
  if (spec.kind === "profile") {
    const x = spec.data.x;
    n = x.length;
    columns.push({ header: inputSymbol(spec.data.input, names), at: (p) => x[p]! });
  } else {
    const { x, y, inputs } = spec.data;
    n = x.length * y.length;
    columns.push({ header: inputSymbol(inputs[0], names), at: (p) => x[p % x.length]! });
    columns.push({ header: inputSymbol(inputs[1], names), at: (p) => y[Math.floor(p / x.length)]! });
  }
  const of = (samples: Samples | undefined): Numbers | undefined => samples?.[field[order]];
  const truth = of(data.truth);
  const network = of(data.network);
  for (const [i, j] of components(order, nIn)) {
    const at = (array: Numbers) => (p: number) => array[indexOf(order, nOut, nIn, p, k, i, j)]!;
    const label = (hat: boolean) => quantityLabel(order, k, i, j, names, hat);
    if (role === "truth" && truth) columns.push({ header: label(false), at: at(truth) });
    if (role === "network" && network) {
      columns.push({ header: label(true), at: at(network) });
      if (truth) columns.push({ header: label(false), at: at(truth) });
    }
    if (role === "error" && truth && network) {
      const t = at(truth);
      const m = at(network);
      columns.push({
        header: `${kind} error of ${label(true)}`,
        at: kind === "relative" ? (p) => (m(p) - t(p)) / (Math.abs(t(p)) + eps) : (p) => m(p) - t(p),
      });
    }
  }
  const lines = [columns.map((c) => quote(c.header)).join(",")];
  for (let p = 0; p < n; ++p) lines.push(columns.map((c) => String(c.at(p))).join(","));
  return lines.join("\n") + "\n";
}
