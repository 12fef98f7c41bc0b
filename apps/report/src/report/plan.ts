import { basename, isAbsolute, join, resolve } from "node:path";
import { InputError } from "../errors.js";
import type { BackendName } from "@nabla/pipeline";
import type { ReportConfig } from "./config.js";
import { seedConfig } from "./seed.js";

/** One report to write: its configuration (paths resolved, defaults merged) and its folder. */
export interface PlannedReport {
  /** Position in the batch, from 0. */
  readonly position: number;
  readonly config: ReportConfig;
  /** The folder its files go to. */
  readonly dir: string;
  /** A short name for progress and messages. */
  readonly label: string;
}

export interface PlanOptions {
  /** The output folder: the report's own (one configuration), or the parent of each one's folder (a list). */
  readonly out: string;
  /** One configuration, written into `out` itself. */
  readonly single: boolean;
  /** Relative model paths in the configurations start here (the config file's folder). */
  readonly base: string;
  /** --function, --model and --backend: used by the entries that do not say. */
  readonly defaults?: { readonly function?: string; readonly model?: string; readonly backend?: BackendName };
}

const slug = (text: string): string =>
  text
    .replace(/[^\w.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 40);

/** The entry with --function/--model/--backend filled in, the seed's comparison if it still names neither, and its model path resolved. */
export function effectiveConfig(given: ReportConfig, base: string, defaults: PlanOptions["defaults"] = {}): ReportConfig {
  const entry = given.backend === undefined && defaults.backend !== undefined ? { ...given, backend: defaults.backend } : given;
  const fn = entry.function !== undefined ? entry.function : defaults.function;
  const model = entry.model !== undefined ? entry.model : defaults.model !== undefined ? resolve(defaults.model) : undefined;
  if ((fn === undefined || fn === null) && (model === undefined || model === null)) {
    if (fn === null || model === null)
      throw new InputError(`configuration ${JSON.stringify(entry)}: names neither a function nor a model; give at least one`);
    return { ...seedConfig(), ...entry, function: seedConfig().function!, model: seedConfig().model! };
  }
  const config: ReportConfig = { ...entry };
  const out = config as { function?: string | null; model?: string | null };
  if (fn !== undefined) out.function = fn;
  if (model !== undefined) out.model = model === null || isAbsolute(model) ? model : resolve(base, model);
  return config;
}

function defaultName(config: ReportConfig, position: number): string {
  const what = [config.function && (/^[\w.-]+$/.test(config.function) ? config.function : "expr"), config.model && basename(config.model)]
    .filter(Boolean)
    .join("-vs-");
  return `${String(position).padStart(3, "0")}-${slug(what) || "report"}`;
}

/** Resolves each configuration and gives it a folder: `out` for one, `out/<name>` for each of a list (names must differ). */
export function planReports(configs: readonly ReportConfig[], options: PlanOptions): PlannedReport[] {
  const seen = new Map<string, number>();
  return configs.map((entry, position) => {
    const config = effectiveConfig(entry, options.base, options.defaults);
    const name = options.single ? basename(resolve(options.out)) : (config.name ?? defaultName(config, position));
    if (!options.single) {
      const other = seen.get(name);
      if (other !== undefined)
        throw new InputError(`configurations ${other} and ${position} both write to the folder "${name}"; give them different "name"s`);
      seen.set(name, position);
    }
    return { position, config, dir: options.single ? resolve(options.out) : join(resolve(options.out), name), label: name };
  });
}
