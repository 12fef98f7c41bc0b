import type { AnalyticFunction } from "@nabla/functions";
import type { ErrorKind, Order } from "@nabla/plot";
import type { ModelSource } from "../targets/sources.js";

/**
 * The parameters of the dataflow: what to compare, where to sample, what to
 * draw. Everything but the truth or the model is optional.
 *
 * Inputs and outputs are given by 0-based index or by name.
 */
export interface Params {
  /** The truth: a catalogue id ("fexample"), expressions ("x1 + 2*x2; x1^2"), or a function object. */
  readonly truth?: string | AnalyticFunction;
  /** Input names of the truth's expressions (default x1, x2, …). */
  readonly truthInputs?: readonly string[];
  /** The network. */
  readonly model?: ModelSource;
  /** Differentiate the model with respect to its physical inputs (through its input transformer). */
  readonly physical?: boolean;
  /** Sampling range [low, high] of each input; default the truth's (a model alone has none). */
  readonly ranges?: readonly (readonly [number, number])[];
  /** Where the inputs that are not swept are held; default the truth's defaults, else the ranges' midpoints. */
  readonly fixed?: readonly number[];
  /** The input swept in profiles; default the first. */
  readonly sweep?: number | string;
  /** The inputs along a map's horizontal and vertical axes; default the first two; null: no maps. */
  readonly mapInputs?: readonly [number | string, number | string] | null;
  /** The output drawn; default the first. */
  readonly output?: number | string;
  /** Points along a profile; default 100. */
  readonly points?: number;
  /** Points per axis of a map; default `points`. */
  readonly mapPoints?: number;
  /** How the network's error is measured; default "relative". */
  readonly error?: ErrorKind;
  /** The eps of the relative error, (f̂ − f)/(|f| + eps); default 1e-2. */
  readonly eps?: number;
  /**
   * Where the network is differentiated: "cpu", the float64 reference, or "gpu",
   * @nabla/gpu in float32 (its fastest mode here). The truth is always computed
   * on "cpu": it is the reference the network is measured against. Default "cpu".
   */
  readonly backend?: string;
  /** Which derivatives are drawn: 0 values, 1 first, 2 second; default [1, 2] (the seed's twelve figures). */
  readonly orders?: readonly Order[];
  /** A model with more outputs than this computes only the drawn one (through `restrict`); default 16. */
  readonly restrictAbove?: number;
  /** Points per chunk of computation (progress and cancellation happen between chunks); default: 256 first, then as many as take about 25 ms. */
  readonly chunkSize?: number;
}

export const PARAM_DEFAULTS = {
  points: 100,
  error: "relative",
  eps: 1e-2,
  backend: "cpu",
  orders: [1, 2],
  restrictAbove: 16,
} as const satisfies Partial<Params>;

/** The backends a computation can ask for. */
export const BACKENDS = ["cpu", "gpu"] as const;

export type BackendName = (typeof BACKENDS)[number];
