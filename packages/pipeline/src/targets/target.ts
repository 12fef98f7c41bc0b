import type { Tensor } from "@nabla/tensor";

/** What is known of a target before computing anything: names, and what a user interface shows. */
export interface TargetInfo {
  readonly kind: "function" | "model";
  /** A short name: the function's title, the model's folder. */
  readonly title: string;
  /** Input names, in the order of the last axis of x. */
  readonly inputs: readonly string[];
  /** Every output name (a restriction does not change this list). */
  readonly outputs: readonly string[];
  /** Functions: the mapping's LaTeX. */
  readonly latex?: string;
  /** Functions: default sampling range of each input. */
  readonly ranges?: readonly (readonly [number, number])[];
  /** Functions: default value of each input. */
  readonly defaults?: readonly number[];
  /** Models: their format ("nnbma", …) and a description of the architecture. */
  readonly format?: string;
  readonly summary?: string;
}

/** A target ready to differentiate: one point `[nIn]` (or a batch `[..., nIn]`) to `[nOut]`. */
export interface Target {
  readonly info: TargetInfo;
  /** How many outputs `f` gives: all of `info.outputs`, or those of a restriction. */
  readonly nOut: number;
  readonly f: (x: Tensor) => Tensor;
}
