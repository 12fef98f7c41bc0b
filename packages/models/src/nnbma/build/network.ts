import type { Tensor } from "@nabla/tensor";

/**
 * An nnbma network built into tensor operations. `forward` maps `[inputFeatures]` to
 * `[outputFeatures]` and `[N, inputFeatures]` to `[N, outputFeatures]`, reads no values
 * (so `vmap`, `jacrev`, `hessian` … apply), and is nnbma's `forward`.
 */
export interface NetworkFunction {
  readonly inputFeatures: number;
  /** The number of outputs this function computes (after any restriction). */
  readonly outputFeatures: number;
  readonly forward: (x: Tensor) => Tensor;
  /**
   * The same network computing only the outputs `indices` of the full, unrestricted
   * network, in that order (repeats allowed), and paying only for them where the
   * architecture allows: nnbma's `restrict_to_output_subset`. The caller checks the range.
   */
  restrict(indices: readonly number[]): NetworkFunction;
}
