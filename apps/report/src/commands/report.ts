import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseBackend } from "../backendOption.js";
import { InputError, UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { runBatch, type BatchEntry } from "../report/batch.js";
import { parseConfigs, type ReportConfig } from "../report/config.js";
import { planReports } from "../report/plan.js";
import { ReportsFailedError } from "../report/reportErrors.js";
import { inShard, parseJobs, parseShard } from "../report/shard.js";
import { shownPath } from "../report/shownPath.js";
import type { DerivativeEngine } from "@nabla/pipeline";

export const reportHelp = `nabla report [--model DIR|FILE] [--function ID|"EXPR1; EXPR2; …"] [--config FILE.json]
             [--backend cpu|gpu] [--out DIR] [--jobs K] [--shard I/N] [--force]

Writes a report comparing a network's derivatives with the truth's: OUT/index.html
(figures inline, the function's formula, the model, the errors, the parameters),
OUT/figures/*.svg and *.png, and OUT/data/ (every array as JSON and CSV).

With no arguments it reproduces the seed notebook: Fexample against the seed
network shipped with nabla (nnbma's example, MIT), output f3, 100 points per axis.

  --model DIR|FILE   a network: an nnbma folder, or another file \`nabla eval --model\` opens
  --function SPEC    a catalogue id (see \`nabla functions\`) or expressions separated by ';'
                     (a model alone needs its input ranges from --config)
  --config FILE      one configuration (a JSON object) or a batch (a list of them); settings:
                     name, function, inputs, model, physical, output, sweep, mapInputs, ranges,
                     fixed, points, mapPoints, error, eps, orders, backend. Model paths are
                     relative to FILE's folder; --model, --function and --backend fill entries
                     that name neither; an entry naming neither (and no flag) is the seed's comparison.
  --backend NAME     where the network's derivatives are computed: cpu, the float64 CPU backend (the
                     default), or gpu, @nabla/gpu in float32 in its fastest mode here (named on stderr
                     and in the report; nnbma folders only). The function is always computed in float64.
  --out DIR          where to write (default out/report); a batch writes one folder per
                     configuration, OUT/<name> (default NNN-<function>-vs-<model>)
  --jobs K           reports at once, each computing in its own worker thread (default 1)
  --shard I/N        only every N-th configuration, starting at the I-th (0 ≤ I < N), so that N
                     machines share a batch with no coordination (Slurm: --shard
                     $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)
  --force            write again the reports already finished (by default they are skipped)`;

export interface ReportOptions {
  model?: string;
  function?: string;
  config?: string;
  backend?: string;
  out?: string;
  jobs?: string;
  shard?: string;
  force?: boolean;
}

/** For tests: compute in this thread, or count. */
export interface ReportDependencies {
  readonly engine?: () => DerivativeEngine;
}

async function readConfigs(options: ReportOptions): Promise<{ configs: ReportConfig[]; single: boolean; base: string }> {
  if (options.config === undefined) return { configs: [{}], single: true, base: process.cwd() };
  let text: string;
  try {
    text = await readFile(options.config, "utf8");
  } catch (e) {
    throw new InputError(`${options.config}: cannot read the configuration file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { ...parseConfigs(text, options.config), base: dirname(resolve(options.config)) };
}

function summary(entries: readonly BatchEntry[], seconds: number, out: string, single: boolean): string {
  const count = (status: BatchEntry["status"]) => entries.filter((e) => e.status === status).length;
  const target = single ? join(shownPath(out), "index.html") : `${shownPath(out)}/`;
  const any = count("written") + count("skipped") > 0;
  return `nabla report: ${count("written")} written, ${count("skipped")} skipped, ${count("failed")} failed in ${seconds.toFixed(1)} s${any ? ` → ${target}` : ""}`;
}

/** `nabla report`: plans the reports, keeps this shard's, runs them and prints a one-line summary. */
export async function reportCommand(options: ReportOptions, io: Io, dependencies: ReportDependencies = {}): Promise<void> {
  const started = performance.now();
  const jobs = parseJobs(options.jobs);
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const { configs, single, base } = await readConfigs(options);
  const out = resolve(options.out ?? "out/report");
  const backend = parseBackend(options.backend);
  const defaults = {
    ...(options.function !== undefined ? { function: options.function } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(backend !== undefined ? { backend } : {}),
  };
  const plans = planReports(configs, { out, single, base, defaults }).filter((plan) => !shard || inShard(plan.position, shard));
  if (plans.length === 0) {
    if (shard && shard.index >= configs.length)
      throw new UsageError(`--shard ${options.shard}: the batch has only ${configs.length} configurations, none for this shard`);
  }
  const entries = await runBatch(plans, { jobs, force: options.force ?? false, io, ...(dependencies.engine ? { engine: dependencies.engine } : {}) });
  io.stdout.write(summary(entries, (performance.now() - started) / 1000, out, single) + "\n");
  const failed = entries.filter((e): e is Extract<BatchEntry, { status: "failed" }> => e.status === "failed");
  if (failed.length === 1 && entries.length === 1) throw failed[0]!.error;
  if (failed.length > 0) throw new ReportsFailedError(failed.length, entries.length);
}
