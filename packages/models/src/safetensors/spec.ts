/**
 * The architecture spec that goes with a safetensors file: a stack of linear layers, each
 * `y = x · weightᵀ + bias` (PyTorch's layout, weight `[out, in]`) followed by an optional
 * activation. See the package README for the format.
 */
import { ArchitectureSpecError } from "../errors.js";

/** An activation and its parameters, with the defaults filled in. */
export type SpecActivation =
  | { readonly type: "identity" | "relu" | "tanh" | "sigmoid" | "silu" | "softsign" }
  | { readonly type: "leaky_relu"; readonly slope: number }
  | { readonly type: "elu"; readonly alpha: number }
  | { readonly type: "gelu"; readonly approximate: "none" | "tanh" }
  | { readonly type: "softplus"; readonly beta: number; readonly threshold: number };

export type SpecActivationType = SpecActivation["type"];

export interface SpecLayer {
  /** Name of the `[out, in]` weight tensor. */
  readonly weight: string;
  /** Name of the `[out]` bias tensor, or null when the layer has none. */
  readonly bias: string | null;
  readonly activation: SpecActivation;
}

export interface ArchitectureSpec {
  readonly layers: readonly SpecLayer[];
  readonly inputs: readonly string[] | undefined;
  readonly outputs: readonly string[] | undefined;
}

/** Each activation's parameters and their defaults. */
const ACTIVATION_PARAMS: Readonly<Record<SpecActivationType, Readonly<Record<string, number | string>>>> = {
  identity: {},
  relu: {},
  leaky_relu: { slope: 0.01 },
  elu: { alpha: 1 },
  gelu: { approximate: "none" },
  tanh: {},
  sigmoid: {},
  silu: {},
  softplus: { beta: 1, threshold: 20 },
  softsign: {},
};

/** The activation names a spec may use. */
export const SPEC_ACTIVATIONS = Object.keys(ACTIVATION_PARAMS) as SpecActivationType[];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Checks and normalizes a spec given as an object or as JSON text. `where` names the spec in
 * errors (its file, or `<model file> spec`). Unknown keys are refused, so that a typo does not
 * pass silently.
 */
export function parseArchitectureSpec(spec: unknown, where: string): ArchitectureSpec {
  const fail = (message: string): never => {
    throw new ArchitectureSpecError(where, `${where}: ${message}`);
  };
  let value = spec;
  if (typeof spec === "string") {
    try {
      value = JSON.parse(spec);
    } catch (error) {
      fail(`the spec is not valid JSON (${(error as Error).message}).`);
    }
  }
  if (!isObject(value))
    return fail(`the spec is ${JSON.stringify(value)}; expected an object {"layers": [...], "inputs"?: [...], "outputs"?: [...]}.`);
  const unknownKeys = (object: Record<string, unknown>, allowed: readonly string[], path: string): void => {
    const extra = Object.keys(object).filter((k) => !allowed.includes(k));
    if (extra.length > 0)
      fail(
        `${path} has the unknown key${extra.length > 1 ? "s" : ""} ${extra.map((k) => `"${k}"`).join(", ")}; expected ${allowed.map((k) => `"${k}"`).join(", ")}.`,
      );
  };
  unknownKeys(value, ["layers", "inputs", "outputs"], "the spec");
  const { layers, inputs, outputs } = value;
  if (!Array.isArray(layers) || layers.length === 0)
    return fail(`"layers" is ${JSON.stringify(layers)}; expected a non-empty list of {"weight", "bias"?, "activation"?}.`);
  const names = (list: unknown, key: string): string[] | undefined => {
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || !list.every((n) => typeof n === "string"))
      return fail(`"${key}" is ${JSON.stringify(list)}; expected a list of names.`);
    if (new Set(list).size !== list.length) fail(`"${key}" repeats a name; names must be distinct.`);
    return list as string[];
  };
  return {
    layers: layers.map((layer: unknown, k) => {
      const path = `layers[${k}]`;
      if (!isObject(layer)) return fail(`${path} is ${JSON.stringify(layer)}; expected {"weight": name, "bias"?: name, "activation"?: ...}.`);
      unknownKeys(layer, ["weight", "bias", "activation"], path);
      if (typeof layer["weight"] !== "string") fail(`${path}.weight is ${JSON.stringify(layer["weight"])}; expected a tensor name.`);
      const bias = layer["bias"] ?? null;
      if (bias !== null && typeof bias !== "string") fail(`${path}.bias is ${JSON.stringify(bias)}; expected a tensor name or null.`);
      return {
        weight: layer["weight"] as string,
        bias: bias as string | null,
        activation: parseActivation(layer["activation"], `${path}.activation`, fail),
      };
    }),
    inputs: names(inputs, "inputs"),
    outputs: names(outputs, "outputs"),
  };
}

/** `"gelu"`, or `{"type": "gelu", "approximate": "tanh"}`; absent means identity. */
function parseActivation(value: unknown, path: string, fail: (message: string) => never): SpecActivation {
  if (value === undefined || value === null) return { type: "identity" };
  const object = typeof value === "string" ? { type: value } : value;
  if (!isObject(object) || typeof object["type"] !== "string")
    return fail(`${path} is ${JSON.stringify(value)}; expected a name or {"type": name, ...parameters}.`);
  const type = object["type"];
  const defaults = ACTIVATION_PARAMS[type as SpecActivationType] as Readonly<Record<string, number | string>> | undefined;
  if (defaults === undefined || !Object.hasOwn(ACTIVATION_PARAMS, type))
    return fail(`${path}: "${type}" is not a known activation; expected one of ${SPEC_ACTIVATIONS.join(", ")}.`);
  const params: Record<string, number | string> = { ...defaults };
  for (const [key, given] of Object.entries(object)) {
    if (key === "type") continue;
    const fallback = defaults[key];
    if (fallback === undefined) {
      const allowed = Object.keys(defaults);
      fail(
        `${path}: ${type} has no parameter "${key}"; ${allowed.length === 0 ? "it takes none" : `expected ${allowed.map((k) => `"${k}"`).join(", ")}`}.`,
      );
    }
    if (typeof fallback === "number" ? typeof given !== "number" || !Number.isFinite(given) : given !== "none" && given !== "tanh") {
      fail(`${path}.${key} is ${JSON.stringify(given)}; expected ${typeof fallback === "number" ? "a finite number" : '"none" or "tanh"'}.`);
    }
    params[key] = given as number | string;
  }
  return { type, ...params } as SpecActivation;
}
