import type { Backend, Tensor } from "@nabla/tensor";

/** The file formats a `Model` comes from. */
export type ModelFormat = "nnbma" | "onnx" | "safetensors";

/**
 * A network as differentiable tensor functions. Every function maps one point `[nIn]` to
 * `[nOut]` and a batch `[N, nIn]` to `[N, nOut]`, reads no values, and so composes with
 * `vmap`, `jacrev`, `jacfwd` and `hessian`. The functions are bound: pass `model.forward`
 * around on its own.
 */
export interface Model {
  readonly format: ModelFormat;
  /** Input names (nnbma's `inputs_names`, or x1, x2, … when absent). */
  readonly inputs: readonly string[];
  /** Output names (or y1, y2, …), after restriction. */
  readonly outputs: readonly string[];
  /** The network on its own inputs, as nnbma's `forward`. */
  forward(x: Tensor): Tensor;
  /** Input transformer then forward: derivatives w.r.t. physical inputs. Same as forward when there is none. */
  physical(x: Tensor): Tensor;
  /** Input transformer, forward, output transformer (nnbma's `evaluate` with both transforms). */
  evaluate(x: Tensor): Tensor;
  /** A model computing only these outputs (names or indices into `outputs`), in the given order. */
  restrict(outputs: readonly (string | number)[]): Model;
  /** What nnbma prints for the network: class, layers_sizes, activation, batch_norm, names, transformers, parameter count. */
  summary(): string;
}

export interface LoadOptions {
  /** float64 (the default; float32 weights are widened exactly) or float32. */
  readonly dtype?: "float64" | "float32";
  /**
   * The backend the weights are made on (default: the CPU backend); the points given to
   * the model must live there too. nnbma folders only: ONNX and safetensors models refuse
   * any backend but the CPU one (`UnsupportedBackendError`).
   */
  readonly backend?: Backend;
}

/** `prefix1, prefix2, …`: the names of unnamed inputs or outputs. */
export function defaultNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}
