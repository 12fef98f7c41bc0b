import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FigureSpec, Rendered, TargetRef } from "@nabla/pipeline";
import { errorsCsv, samplesCsv, type CsvTarget } from "./csv.js";

const plain = (_key: string, value: unknown): unknown => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value);

/** The data of the figures in @nabla/plot's figure-data format (`npm run figures -- --data` reads it). */
export function figureDataJson(figures: readonly FigureSpec[]): string {
  const profile = figures.find((f) => f.kind === "profile")?.data;
  const map = figures.find((f) => f.kind === "map")?.data;
  const any = (profile ?? map)!;
  const section = (data: FigureSpec["data"] | undefined) => {
    if (!data) return undefined;
    const { nIn: _n, nOut: _o, inputNames: _i, outputNames: _u, ...rest } = data;
    return rest;
  };
  const json = {
    nIn: any.nIn,
    nOut: any.nOut,
    inputNames: any.inputNames,
    outputNames: any.outputNames,
    profile: section(profile),
    map: section(map),
  };
  return JSON.stringify(json, plain);
}

/**
 * Writes the arrays under `dir` (OUT/data): figure-data.json, profile.csv and
 * map.csv (every point, value, Jacobian and Hessian of the truth and the
 * network), errors.json and errors.csv, params.json. Returns the file names.
 */
export async function writeData(dir: string, result: Rendered<unknown>): Promise<string[]> {
  const { params, derivatives, errors, figures } = result;
  const files: [string, string][] = [];
  files.push(["figure-data.json", figureDataJson(figures)]);
  const targets = (part: "profile" | "map"): CsvTarget[] => [
    ...(derivatives.truth ? [{ prefix: "truth", target: derivatives.truth, part }] : []),
    ...(derivatives.model ? [{ prefix: "network", target: derivatives.model, part }] : []),
  ];
  files.push(["profile.csv", samplesCsv(derivatives.grid.profile.points, params.inputs, params.outputs, targets("profile"))]);
  if (derivatives.grid.map) files.push(["map.csv", samplesCsv(derivatives.grid.map.points, params.inputs, params.outputs, targets("map"))]);
  files.push(["errors.json", JSON.stringify(errors, null, 2) + "\n"]);
  files.push(["errors.csv", errorsCsv(errors)]);
  files.push(["params.json", JSON.stringify(paramsRecord(result), null, 2) + "\n"]);
  await Promise.all(files.map(([name, content]) => writeFile(join(dir, name), content)));
  return files.map(([name]) => name);
}

/** The parameters used, as plain JSON. */
export function paramsRecord({ params }: Pick<Rendered<unknown>, "params">): Record<string, unknown> {
  const source = (ref: TargetRef | undefined): string | null => {
    if (!ref) return null;
    const { source } = ref;
    return source.kind === "spec" ? source.spec : source.kind === "path" ? source.path : source.kind === "files" ? source.location : source.kind;
  };
  return {
    function: source(params.truth?.ref),
    model: source(params.model?.ref),
    physical: params.model?.ref.kind === "model" ? params.model.ref.physical : null,
    inputs: params.inputs,
    outputs: params.outputs,
    ranges: params.ranges,
    fixed: params.fixed,
    sweep: params.inputs[params.sweep],
    mapInputs: params.mapInputs && params.mapInputs.map((i) => params.inputs[i]),
    output: params.outputs[params.output],
    restricted: params.restricted,
    points: params.points,
    mapPoints: params.mapInputs ? params.mapPoints : null,
    error: params.error,
    eps: params.eps,
    orders: params.orders,
    backend: params.backend,
  };
}
