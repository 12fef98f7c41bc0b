import type { ErrorKind, Order } from "@nabla/plot";
import type { TargetRef } from "../targets/sources.js";
import type { TargetInfo } from "../targets/target.js";
import type { BackendName, Params } from "./params.js";

/** A target with what it is. */
export interface ResolvedTarget {
  readonly ref: TargetRef;
  readonly info: TargetInfo;
}

/** Parameters checked against the truth and the model, every default filled in. */
export interface ResolvedParams {
  /** The parameters as given. */
  readonly given: Params;
  readonly truth?: ResolvedTarget;
  /** The model; its `ref.outputs` holds the drawn output when only that one is computed. */
  readonly model?: ResolvedTarget;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly ranges: readonly (readonly [number, number])[];
  readonly fixed: readonly number[];
  readonly sweep: number;
  readonly mapInputs: readonly [number, number] | null;
  readonly output: number;
  /** Whether the model computes only `output` (it has more outputs than `restrictAbove`). */
  readonly restricted: boolean;
  readonly points: number;
  readonly mapPoints: number;
  readonly error: ErrorKind;
  readonly eps: number;
  /** Where the network is differentiated (the truth always on "cpu"). */
  readonly backend: BackendName;
  readonly orders: readonly Order[];
  /** Points per chunk, or undefined: chunks sized by their time (`computeChunked`). */
  readonly chunkSize: number | undefined;
  /** Equal keys mean equal sampling points. */
  readonly gridKey: string;
  /**
   * Equal keys mean equal grids and equal derivatives: what changes only the
   * drawing (output, error kind, eps, orders) is not in it — except the output
   * of a restricted model, which changes what is computed.
   */
  readonly computeKey: string;
}
