import type { AnalyticFunction } from "@nabla/functions";
import type { Model } from "../model.js";

/**
 * Where a model comes from. "path" and "files" can be posted to a worker;
 * "inline" (a model already loaded in this thread) works with the in-thread
 * engine only.
 */
export type ModelSource =
  /** A folder (nnbma) or file on disk, opened by the Node loader. */
  | { readonly kind: "path"; readonly path: string }
  /** A folder's files in memory, keyed by their path inside it ("init.pkl", "sub/state_dict.pth"). */
  | { readonly kind: "files"; readonly location: string; readonly files: Readonly<Record<string, Uint8Array>> }
  /** A model object already loaded here. */
  | { readonly kind: "inline"; readonly model: Model; readonly title?: string };

/** Where the truth comes from: a catalogue id or expressions, or a function object (in-thread only). */
export type FunctionSource =
  { readonly kind: "spec"; readonly spec: string; readonly inputs?: readonly string[] } | { readonly kind: "inline"; readonly fn: AnalyticFunction };

/** What an engine differentiates: the truth, or a model (optionally computing only some outputs). */
export type TargetRef =
  | { readonly kind: "function"; readonly source: FunctionSource }
  | {
      readonly kind: "model";
      readonly source: ModelSource;
      /** Differentiate with respect to the physical inputs, through the input transformer. */
      readonly physical: boolean;
      /** Compute only these outputs (indices into the model's outputs), through `restrict`. */
      readonly outputs?: readonly number[];
    };

/** A model on disk. */
export const modelAt = (path: string): ModelSource => ({ kind: "path", path });

/** A model folder's files held in memory (a folder picked in a browser, bytes fetched). */
export const modelFiles = (location: string, files: Readonly<Record<string, Uint8Array>>): ModelSource => ({ kind: "files", location, files });

/** A model already loaded in this thread. */
export const inlineModel = (model: Model, title?: string): ModelSource => ({ kind: "inline", model, ...(title === undefined ? {} : { title }) });

/** Whether a reference can be posted to a worker (no functions or objects with code inside). */
export const isTransferableRef = (ref: TargetRef): boolean => ref.source.kind !== "inline";
