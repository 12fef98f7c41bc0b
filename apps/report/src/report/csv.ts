import type { ErrorTable, TargetDerivatives } from "@nabla/pipeline";

/** A number as CSV writes it: the shortest text that reads back to the same float64; NaN empty. */
const cell = (value: number): string => (Number.isNaN(value) ? "" : String(value));

/** Quotes a header or text cell when it needs it. */
const text = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export interface CsvTarget {
  /** Column prefix: "truth" or "network". */
  readonly prefix: string;
  readonly target: TargetDerivatives;
  readonly part: "profile" | "map";
}

/**
 * One row per point: the inputs, then for each target and each of its
 * outputs the value, the Jacobian (∂f/∂x_i) and the Hessian (∂²f/∂x_i∂x_j),
 * named "truth.f3", "truth.df3/dx1", "network.d2f3/dx1dx2".
 */
export function samplesCsv(points: Float64Array, inputs: readonly string[], outputs: readonly string[], targets: readonly CsvTarget[]): string {
  const nIn = inputs.length;
  const header = [...inputs];
  for (const { prefix, target } of targets) {
    for (const k of target.outputs) {
      const f = outputs[k]!;
      header.push(`${prefix}.${f}`);
      for (const x of inputs) header.push(`${prefix}.d${f}/d${x}`);
      for (const xi of inputs) for (const xj of inputs) header.push(`${prefix}.d2${f}/d${xi}d${xj}`);
    }
  }
  const n = points.length / nIn;
  const lines = [header.map(text).join(",")];
  for (let p = 0; p < n; ++p) {
    const row: string[] = [];
    for (let i = 0; i < nIn; ++i) row.push(cell(points[p * nIn + i]!));
    for (const { target, part } of targets) {
      const samples = target[part]!;
      const nOut = target.outputs.length;
      for (let k = 0; k < nOut; ++k) {
        row.push(cell(samples.value[p * nOut + k]!));
        for (let i = 0; i < nIn; ++i) row.push(cell(samples.jacobian[(p * nOut + k) * nIn + i]!));
        for (let c = 0; c < nIn * nIn; ++c) row.push(cell(samples.hessian[(p * nOut + k) * nIn * nIn + c]!));
      }
    }
    lines.push(row.join(","));
  }
  return lines.join("\n") + "\n";
}

const ORDER_NAMES = ["value", "jacobian", "hessian"] as const;

/** The error tables, one row per grid, output and order. */
export function errorsCsv(tables: readonly ErrorTable[]): string {
  const lines = ["grid,points,eps,output,name,order,quantity,count,abs_max,abs_rms,rel_max,rel_rms"];
  for (const table of tables) {
    for (const r of table.rows) {
      lines.push(
        [
          table.where,
          table.points,
          table.eps,
          r.output,
          text(r.name),
          r.order,
          ORDER_NAMES[r.order],
          r.count,
          cell(r.absMax),
          cell(r.absRms),
          cell(r.relMax),
          cell(r.relRms),
        ].join(","),
      );
    }
  }
  return lines.join("\n") + "\n";
}
