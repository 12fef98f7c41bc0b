import { PARAM_DEFAULTS } from "@nabla/pipeline";
import type { ErrorKind, Order } from "@nabla/plot";

/** What is compared: the truth against the network, or one of them alone. */
export type Compare = "both" | "truth" | "network";

/** The tensor backends the explorer offers. */
export type BackendChoice = "cpu" | "gpu";

/**
 * Everything the explorer shows, as the user set it: what the URL holds.
 * Fields left undefined take their default from the truth (or the model):
 * ranges, fixed values, swept input, map inputs and output.
 */
export interface ExplorerState {
  readonly compare: Compare;
  /** A catalogue id, or expressions separated by ";" or line breaks. */
  readonly truth: string;
  /** Input names of the expressions (default x1, x2, …). */
  readonly truthInputs?: readonly string[];
  /** The embedded seed network, or the file(s) the user opened. */
  readonly model: "seed" | "upload";
  /** Differentiate the network with respect to its physical inputs. */
  readonly physical: boolean;
  readonly ranges?: readonly (readonly [number, number])[];
  readonly fixed?: readonly number[];
  readonly sweep?: number;
  /** The inputs along a map's axes. */
  readonly mapInputs?: readonly [number, number];
  /** Whether maps are drawn. */
  readonly maps: boolean;
  readonly output?: number;
  /** Points along a profile. */
  readonly points: number;
  /** Points per axis of a map. */
  readonly mapPoints: number;
  readonly error: ErrorKind;
  readonly eps: number;
  readonly backend: BackendChoice;
  /** The families drawn: 0 values, 1 first derivatives, 2 second derivatives. */
  readonly orders: readonly Order[];
}

export const DEFAULT_STATE: ExplorerState = {
  compare: "both",
  truth: "fexample",
  model: "seed",
  physical: false,
  maps: true,
  points: PARAM_DEFAULTS.points,
  mapPoints: 100,
  error: PARAM_DEFAULTS.error,
  eps: PARAM_DEFAULTS.eps,
  backend: "cpu",
  orders: [...PARAM_DEFAULTS.orders],
};

/** The fields that depend on the inputs and outputs of what is compared: reset when that changes. */
export const SHAPE_FIELDS = ["ranges", "fixed", "sweep", "mapInputs", "output"] as const satisfies readonly (keyof ExplorerState)[];

/** `state` without the given optional fields. */
export function without(state: ExplorerState, fields: readonly (keyof ExplorerState)[]): ExplorerState {
  const copy: Record<string, unknown> = { ...state };
  for (const field of fields) delete copy[field];
  return copy as unknown as ExplorerState;
}
