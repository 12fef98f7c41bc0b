import type { DerivativeOrder } from "@nabla/autodiff";
import type { BackendName } from "../params/params.js";
import type { TargetRef } from "../targets/sources.js";
import type { TargetInfo } from "../targets/target.js";

/** Which derivatives: 0 the values, 1 and the Jacobian, 2 and the Hessian (@nabla/autodiff's). */
export type { DerivativeOrder };

/** Derivatives of one target at N points. */
export interface ComputeRequest {
  readonly target: TargetRef;
  /** The points, row-major `[N, nIn]`. */
  readonly points: Float64Array;
  /** Up to which derivative; default 2. */
  readonly order?: DerivativeOrder;
  /** Points per chunk: cancellation and progress happen between chunks. Default: 256 first, then as many as take about 25 ms (`computeChunked`). */
  readonly chunkSize?: number;
  /** "cpu" (float64, the default) or "gpu" (@nabla/gpu, float32); the result says which mode ran it. */
  readonly backend?: BackendName;
}

/** What computed a result, for logs, reports and user interfaces. */
export interface ComputedOn {
  readonly backend: BackendName;
  /** The backend's own name: "cpu", "webgpu", "gpu.js/webasm", … */
  readonly name: string;
  readonly precision: "float64" | "float32";
  /** The adapter, where the backend knows it ("Google SwiftShader …"). */
  readonly device?: string;
  /** One line: the mode, its precision and device, and why faster modes were passed over (`describeBackend(backend).summary`). */
  readonly summary: string;
}

/**
 * What a request gives, row-major like `vmap(f)`, `vmap(jacrev(f))` and
 * `vmap(hessian(f))`: value `[N, nOut]`, jacobian `[N, nOut, nIn]`, hessian
 * `[N, nOut, nIn, nIn]` — `nOut` counting only the computed outputs.
 */
export interface ComputeResult {
  readonly n: number;
  readonly nIn: number;
  readonly nOut: number;
  readonly value: Float64Array;
  readonly jacobian?: Float64Array;
  readonly hessian?: Float64Array;
  /** The backend that computed it; the arrays are float64 whatever its precision. */
  readonly computedOn: ComputedOn;
}

/** Points done so far out of all the request's points. */
export interface ComputeProgress {
  readonly done: number;
  readonly total: number;
}

export interface ComputeOptions {
  /** Aborting stops the work at the next chunk and rejects with a `CancelledError`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ComputeProgress) => void;
}

/**
 * Computes derivatives of functions and models at points. Implementations:
 * `inThreadEngine` (here, between chunks the event loop runs) and
 * `workerEngine` (in a Web Worker or a Node worker thread, with the arrays
 * transferred, not copied).
 */
export interface DerivativeEngine {
  /** Loads the target if needed and says what it is. */
  describe(target: TargetRef, options?: { readonly signal?: AbortSignal }): Promise<TargetInfo>;
  compute(request: ComputeRequest, options?: ComputeOptions): Promise<ComputeResult>;
  /** Frees the engine (ends its worker). Pending requests reject. */
  close(): Promise<void>;
}
