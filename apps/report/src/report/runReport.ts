import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createPipeline, drawFigure, type DerivativeEngine, type ErrorTable, type FigureSpec, type PipelineEvent } from "@nabla/pipeline";
import { renderSvg, svgToPngAsync } from "@nabla/plot/node";
import { filter, firstValueFrom, of, tap } from "rxjs";
import { computedOnOf, type ReportComputedOn } from "./computedOn.js";
import { markFinished } from "./finished.js";
import { reportHtml } from "./html.js";
import type { PlannedReport } from "./plan.js";
import { toParams } from "./toParams.js";
import { writeData } from "./writeData.js";

/** How far a report is, from 0 to 1, and what it is doing. */
export interface ReportProgress {
  readonly fraction: number;
  readonly phase: string;
}

export interface ReportOutcome {
  readonly plan: PlannedReport;
  readonly seconds: number;
  /** Files written, relative to the report's folder. */
  readonly files: readonly string[];
  readonly errors: readonly ErrorTable[];
  /** The backends that computed the derivatives. */
  readonly computedOn: ReportComputedOn;
}

/** Shares of the progress bar: computing, drawing, then writing. */
const COMPUTE = 0.8;
const DRAW = 0.1;

type Result = Extract<PipelineEvent<string>, { type: "result" }>;

/**
 * Writes one report: drives the pipeline with the configuration's parameters
 * (derivatives computed by `engine`, figures drawn to SVG here), then writes
 * figures/*.svg and *.png, data/*, index.html and, last, the marker that says
 * the report is finished.
 */
export async function runReport(
  plan: PlannedReport,
  engine: DerivativeEngine,
  onProgress: (progress: ReportProgress) => void = () => {},
): Promise<ReportOutcome> {
  const started = performance.now();
  let drawn = 0;
  const render = (spec: FigureSpec): string => {
    onProgress({ fraction: COMPUTE + DRAW * Math.min(1, drawn++ / 12), phase: `drawing ${spec.name}` });
    return renderSvg((document) => drawFigure(spec, document));
  };
  const event = await firstValueFrom(
    createPipeline(of(toParams(plan.config)), { engine, render }).pipe(
      tap(
        (e) =>
          e.type === "progress" &&
          onProgress({ fraction: COMPUTE * e.fraction, phase: `computing the ${e.stage === "truth" ? "function" : "network"}` }),
      ),
      filter((e) => e.type !== "progress"),
    ),
  );
  if (event.type === "error") throw event.error;
  const result = event as Result;

  const figuresDir = join(plan.dir, "figures");
  const dataDir = join(plan.dir, "data");
  await Promise.all([rm(figuresDir, { recursive: true, force: true }), rm(dataDir, { recursive: true, force: true })]);
  await mkdir(figuresDir, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  // The figures are rasterized all at once, off this thread: on every core of libuv's pool.
  let written = 0;
  const files: string[] = result.figures.flatMap((spec) => [`figures/${spec.name}.svg`, `figures/${spec.name}.png`]);
  await Promise.all(
    result.figures.map(async (spec, i) => {
      const svg = result.rendered[i]!;
      await writeFile(join(figuresDir, `${spec.name}.svg`), svg);
      await writeFile(join(figuresDir, `${spec.name}.png`), await svgToPngAsync(svg, { scale: 2 }));
      const fraction = COMPUTE + DRAW + ((1 - COMPUTE - DRAW) * ++written) / result.figures.length;
      onProgress({ fraction, phase: `PNG figures: ${written} of ${result.figures.length}` });
    }),
  );
  const dataFiles = await writeData(dataDir, result);
  files.push(...dataFiles.map((f) => `data/${f}`));
  const seconds = (performance.now() - started) / 1000;
  await writeFile(join(plan.dir, "index.html"), reportHtml({ result, seconds, dataFiles }));
  files.push("index.html");
  await markFinished(plan.dir, { config: plan.config, finished: new Date().toISOString(), seconds, files });
  onProgress({ fraction: 1, phase: "done" });
  return { plan, seconds, files, errors: result.errors, computedOn: computedOnOf(result.derivatives) };
}
