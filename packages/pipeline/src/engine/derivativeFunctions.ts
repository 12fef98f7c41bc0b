import { derivativesUpTo, type BatchDerivatives, type DerivativeOrder } from "@nabla/autodiff";
import { tensor, type Tensor } from "@nabla/tensor";
import type { Target } from "../targets/target.js";
import type { ComputeBackend } from "./backends.js";

/**
 * Targets whose derivative functions an engine keeps, the least recently used
 * dropped first: the explorer's pair, the truth and the network. Each holds
 * the buffers of its last chunk (tens of MiB for the seed network's).
 */
export const KEPT_TARGETS = 2;

/**
 * An engine's derivative functions (`derivativesUpTo`, jitted), made once per
 * target, order and backend and kept for the last KEPT_TARGETS targets: a
 * request like the last runs the programs recorded for it, into the buffers
 * it warmed, rather than recording them again. What they hold between
 * requests is the buffers of their last chunk.
 */
export class DerivativeFunctions {
  private readonly kept = new Map<Target, Map<string, (X: Tensor) => BatchDerivatives>>();

  of(target: Target, order: DerivativeOrder, on: ComputeBackend): (X: Tensor) => BatchDerivatives {
    const byKind = this.kept.get(target) ?? new Map<string, (X: Tensor) => BatchDerivatives>();
    this.kept.delete(target);
    this.kept.set(target, byKind);
    if (this.kept.size > KEPT_TARGETS) this.kept.delete(this.kept.keys().next().value!);
    const key = `${order} ${on.name} ${on.dtype}`;
    let at = byKind.get(key);
    if (!at) {
      const x0 = tensor(new Float64Array(target.info.inputs.length), [target.info.inputs.length], { backend: on.backend, dtype: on.dtype });
      // The methods, chosen once by f's work on one point (not again on every chunk).
      at = derivativesUpTo((x: Tensor) => target.f(x), order, x0);
      byKind.set(key, at);
    }
    return at;
  }
}
