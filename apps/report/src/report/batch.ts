import type { DerivativeEngine } from "@nabla/pipeline";
import { nodeWorkerEngine } from "@nabla/pipeline/node";
import { defer, from, lastValueFrom, mergeMap, toArray } from "rxjs";
import type { Io } from "../io.js";
import { isFinished } from "./finished.js";
import type { PlannedReport } from "./plan.js";
import { computedOnPhrase } from "./computedOn.js";
import { ProgressBar } from "./progressBar.js";
import { runReport, type ReportOutcome } from "./runReport.js";
import { shownPath } from "./shownPath.js";

export interface BatchOptions {
  /** Reports at once, each with its own worker thread. */
  readonly jobs: number;
  /** Redo finished reports. */
  readonly force: boolean;
  readonly io: Io;
  /** Where derivatives are computed; default a Node worker thread per job. */
  readonly engine?: () => DerivativeEngine;
}

export type BatchEntry =
  | { readonly status: "written"; readonly outcome: ReportOutcome }
  | { readonly status: "skipped"; readonly plan: PlannedReport }
  | { readonly status: "failed"; readonly plan: PlannedReport; readonly error: Error };

/**
 * Runs the reports, `jobs` at once (RxJS mergeMap), skipping those already
 * finished with the same configuration unless `force`. A report that fails
 * is reported and the others go on. Engines are made once per job slot and
 * closed at the end.
 */
export async function runBatch(plans: readonly PlannedReport[], options: BatchOptions): Promise<BatchEntry[]> {
  const { jobs, force, io } = options;
  const makeEngine = options.engine ?? (() => nodeWorkerEngine());
  const bar = new ProgressBar(io.stderr, plans.length);
  const idle: DerivativeEngine[] = [];
  const all: DerivativeEngine[] = [];
  const borrow = () => idle.pop() ?? (all.push(makeEngine()), all.at(-1)!);

  const one = async (plan: PlannedReport): Promise<BatchEntry> => {
    if (!force && (await isFinished(plan.dir, plan.config))) {
      bar.done(plan.label, `report: ${plan.label}: finished already in ${shownPath(plan.dir)} (--force to write it again)`);
      return { status: "skipped", plan };
    }
    const engine = borrow();
    try {
      const outcome = await runReport(plan, engine, ({ fraction, phase }) => bar.update(plan.label, fraction, phase));
      const gpu = outcome.computedOn.network?.backend === "gpu" ? `report: ${plan.label}: gpu backend ${outcome.computedOn.network.summary}\n` : "";
      bar.done(
        plan.label,
        `${gpu}report: ${plan.label}: wrote ${shownPath(plan.dir)}/index.html in ${outcome.seconds.toFixed(1)} s, ${computedOnPhrase(outcome.computedOn)}`,
      );
      return { status: "written", outcome };
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      // A report alone fails with its error, which the command prints; in a batch each failure is told here.
      bar.done(plan.label, plans.length > 1 ? `report: ${plan.label}: failed: ${error.message}` : null);
      return { status: "failed", plan, error };
    } finally {
      idle.push(engine);
    }
  };

  try {
    return await lastValueFrom(
      from(plans).pipe(
        mergeMap((plan) => defer(() => one(plan)), jobs),
        toArray(),
      ),
    );
  } finally {
    bar.close();
    await Promise.all(all.map((engine) => engine.close()));
  }
}
