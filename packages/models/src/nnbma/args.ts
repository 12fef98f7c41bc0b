import { NnbmaFormatError } from "../errors.js";
import { describePy } from "../pickle/values.js";
import { type Activation, isActivation } from "../torch/activations.js";
import type { StateDict } from "../torch/stateDict.js";
import { type Transformer, isTransformer } from "./operators.js";
import type { NnbmaNetworkSpec } from "./spec.js";

/** One constructor argument of a saved network, and the file it came from. */
export interface ArgumentValue {
  readonly value: unknown;
  /** `…/layers_sizes.json`, `…/activation.pkl`, `…/subnetwork/`. */
  readonly file: string;
}

/** Everything read from one network folder, before it is checked against its architecture. */
export interface SavedNetwork {
  /** The folder, as named in errors. */
  readonly location: string;
  /** The Python class named by `init.pkl`. */
  readonly className: string;
  /** The constructor arguments `init.pkl` lists, in order. */
  readonly argumentNames: readonly string[];
  readonly args: ReadonlyMap<string, ArgumentValue>;
  readonly stateDict: StateDict;
  readonly stateDictFile: string;
}

export function isNetworkSpec(value: unknown): value is NnbmaNetworkSpec {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { architecture?: unknown }).architecture === "string" &&
    (value as { stateDict?: unknown }).stateDict instanceof Map
  );
}

function isInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/**
 * Typed access to a saved network's arguments. Each getter names the file and the
 * expected type when the value does not fit; an argument that `init.pkl` does not list
 * takes the Python default when there is one.
 */
export class Arguments {
  constructor(readonly saved: SavedNetwork) {}

  private get(name: string, fallback?: { value: unknown }): ArgumentValue {
    const found = this.saved.args.get(name);
    if (found) return found;
    if (fallback) return { value: fallback.value, file: `${this.saved.location} (default)` };
    throw new NnbmaFormatError(
      `${this.saved.location}/init.pkl`,
      `${this.saved.location}/init.pkl: ${this.saved.className} needs the argument "${name}", which init.pkl does not list (it lists ${this.saved.argumentNames.join(", ")}).`,
    );
  }

  private wrong(arg: ArgumentValue, expected: string): NnbmaFormatError {
    return new NnbmaFormatError(arg.file, `${arg.file}: found ${describePy(arg.value)}; expected ${expected}.`);
  }

  /** The file an argument was read from. */
  fileOf(name: string): string {
    return this.saved.args.get(name)?.file ?? `${this.saved.location}/init.pkl`;
  }

  positiveInt(name: string): number {
    const arg = this.get(name);
    if (!isInt(arg.value) || arg.value < 1) throw this.wrong(arg, `a positive integer (${name})`);
    return arg.value;
  }

  positiveNumber(name: string): number {
    const arg = this.get(name);
    if (typeof arg.value !== "number" || !(arg.value > 0) || !Number.isFinite(arg.value)) {
      throw this.wrong(arg, `a positive number (${name})`);
    }
    return arg.value;
  }

  bool(name: string, fallback?: boolean): boolean {
    const arg = this.get(name, fallback === undefined ? undefined : { value: fallback });
    if (typeof arg.value !== "boolean") throw this.wrong(arg, `true or false (${name})`);
    return arg.value;
  }

  positiveInts(name: string, minLength: number): number[] {
    const arg = this.get(name);
    const v = arg.value;
    if (!Array.isArray(v) || v.length < minLength || !v.every((d) => isInt(d) && d >= 1)) {
      throw this.wrong(arg, `a list of at least ${minLength} positive integers (${name})`);
    }
    return v as number[];
  }

  /** A list of distinct names of the given length, or null. */
  names(name: string, length: number): string[] | null {
    const arg = this.get(name, { value: null });
    const v = arg.value;
    if (v === null) return null;
    if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) throw this.wrong(arg, `null or a list of strings (${name})`);
    if (v.length !== length) {
      throw new NnbmaFormatError(
        arg.file,
        `${arg.file}: ${name} has ${v.length} names but the network has ${length}; expected one name per feature.`,
      );
    }
    const seen = new Set<string>();
    for (const s of v as string[]) {
      if (seen.has(s)) throw new NnbmaFormatError(arg.file, `${arg.file}: ${name} lists "${s}" twice; expected distinct names.`);
      seen.add(s);
    }
    return v as string[];
  }

  activation(name = "activation"): Activation {
    const arg = this.get(name);
    if (!isActivation(arg.value)) throw this.wrong(arg, "a pickled torch.nn activation module");
    return arg.value;
  }

  transformer(name: string): Transformer | null {
    const arg = this.get(name, { value: null });
    if (arg.value === null) return null;
    if (!isTransformer(arg.value)) throw this.wrong(arg, `null or a pickled nnbma operator (${name})`);
    return arg.value;
  }

  /** The device the network was saved from: information only, never required. */
  device(): string | null {
    const value = this.saved.args.get("device")?.value;
    return typeof value === "string" ? value : null;
  }

  network(name: string): NnbmaNetworkSpec {
    const arg = this.get(name);
    if (!isNetworkSpec(arg.value)) throw this.wrong(arg, `a sub-network folder ${name}/`);
    return arg.value;
  }

  networks(name: string): NnbmaNetworkSpec[] {
    const arg = this.get(name);
    const v = arg.value;
    if (!Array.isArray(v) || v.length === 0) throw this.wrong(arg, `a non-empty list of sub-networks (${name})`);
    return v.map((item, i) => {
      if (!isNetworkSpec(item)) {
        throw new NnbmaFormatError(
          arg.file,
          `${arg.file}: element ${i} is ${describePy(item)} and there is no folder ${name}-${i}/; expected a sub-network saved in ${name}-${i}/.`,
        );
      }
      return item;
    });
  }
}
