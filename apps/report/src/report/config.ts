import { BACKENDS, type BackendName } from "@nabla/pipeline";
import { InputError } from "../errors.js";

/**
 * One report, as written in a --config file (JSON). Every field is optional;
 * an entry that names neither a function nor a model is the seed's comparison
 * (Fexample against the shipped seed network, output f₃).
 */
export interface ReportConfig {
  /** The entry's folder in a batch (letters, digits, '.', '_', '-'); default from its position and contents. */
  readonly name?: string;
  /** The truth: a catalogue id or expressions separated by ';'. null: none. */
  readonly function?: string | null;
  /** Input names of the expressions (default x1, x2, …). */
  readonly inputs?: readonly string[];
  /** The network: an nnbma folder (relative paths from the config file's folder). null: none. */
  readonly model?: string | null;
  /** Differentiate the model with respect to its physical inputs. */
  readonly physical?: boolean;
  /** The output drawn, by index (0-based) or name. */
  readonly output?: number | string;
  /** The input swept in profiles. */
  readonly sweep?: number | string;
  /** The two inputs of the maps, or null for no maps. */
  readonly mapInputs?: readonly [number | string, number | string] | null;
  /** [low, high] per input (required for a model alone). */
  readonly ranges?: readonly (readonly [number, number])[];
  /** The values of the inputs that are not swept. */
  readonly fixed?: readonly number[];
  /** Points along a profile; default 100. */
  readonly points?: number;
  /** Points per axis of a map; default `points`. */
  readonly mapPoints?: number;
  /** "relative" (default) or "absolute". */
  readonly error?: "relative" | "absolute";
  /** eps of the relative error; default 1e-2. */
  readonly eps?: number;
  /** Derivative orders drawn; default [1, 2]. */
  readonly orders?: readonly (0 | 1 | 2)[];
  /** Where the network is computed: "cpu" (float64, the default) or "gpu" (@nabla/gpu, float32); the function always on the CPU. */
  readonly backend?: BackendName;
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === "string";
const isIndex: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0) || typeof v === "string";
const isNumber: Check = (v) => typeof v === "number" && Number.isFinite(v);
const isPair =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.length === 2 && v.every(item);
const isList =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(item);
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);

const FIELDS: Record<keyof ReportConfig, [Check, string]> = {
  name: [(v) => typeof v === "string" && /^[\w.-]+$/.test(v) && v !== "." && v !== "..", "a folder name of letters, digits, '.', '_' and '-'"],
  function: [orNull(isString), "a catalogue id or expressions separated by ';', or null"],
  inputs: [isList(isString), "a list of input names"],
  model: [orNull(isString), "the path of a network folder, or null"],
  physical: [(v) => typeof v === "boolean", "true or false"],
  output: [isIndex, "an output index (0-based) or name"],
  sweep: [isIndex, "an input index (0-based) or name"],
  mapInputs: [orNull(isPair(isIndex)), "two inputs [horizontal, vertical], or null"],
  ranges: [isList(isPair(isNumber)), "a list of [low, high], one per input"],
  fixed: [isList(isNumber), "a list of numbers, one per input"],
  points: [isNumber, "an integer ≥ 2"],
  mapPoints: [isNumber, "an integer ≥ 2"],
  error: [(v) => v === "relative" || v === "absolute", '"relative" or "absolute"'],
  eps: [isNumber, "a number > 0"],
  orders: [isList((v) => v === 0 || v === 1 || v === 2), "a list of 0, 1, 2"],
  backend: [(v) => (BACKENDS as readonly unknown[]).includes(v), BACKENDS.map((b) => `"${b}"`).join(" or ")],
};

/** Checks the types of one configuration; `where` names it in messages ("batch.json, entry 3"). */
export function checkConfig(value: unknown, where: string): ReportConfig {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError(`${where}: expected an object of report settings, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`);
  }
  for (const [key, field] of Object.entries(value)) {
    const rule = FIELDS[key as keyof ReportConfig];
    if (!rule) throw new InputError(`${where}: unknown setting "${key}"; the settings are ${Object.keys(FIELDS).join(", ")}`);
    if (!rule[0](field)) throw new InputError(`${where}: "${key}" is ${JSON.stringify(field)}; expected ${rule[1]}`);
  }
  return value as ReportConfig;
}

/**
 * The configurations of a --config file: one object (`single`), or a list of
 * them. Each is checked, its errors naming the file and the entry.
 */
export function parseConfigs(text: string, file: string): { configs: ReportConfig[]; single: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(json)) {
    if (json.length === 0) throw new InputError(`${file}: the list of configurations is empty`);
    return { configs: json.map((entry, i) => checkConfig(entry, `${file}, entry ${i}`)), single: false };
  }
  return { configs: [checkConfig(json, file)], single: true };
}
