import type { Tensor } from "@nabla/tensor";
import { chooseHessianMethod } from "./chooseMethod.js";
import { traceOutputSize } from "./evalShape.js";
import { hessian } from "./hessian.js";
import { jacfwd } from "./jacfwd.js";
import { jacrev } from "./jacrev.js";
import { jit } from "./jit.js";
import { secondOrder } from "./secondOrder.js";
import { vmap } from "./vmap.js";

export type DerivativeOrder = 0 | 1 | 2;

/** Values [N, ...out], Jacobians [N, ...out, ...in] (order ≥ 1) and Hessians [N, ...out, ...in, ...in] (order 2). */
export interface BatchDerivatives {
  value: Tensor;
  jacobian?: Tensor;
  hessian?: Tensor;
}

/**
 * f's value and derivatives up to `order` at a batch of points [N, ...in], by
 * the cheapest methods for f's sizes and its work at the point `x0`, traced
 * on shapes once (not on every batch): the Jacobian in forward mode when f has
 * no more inputs than outputs, else in reverse; the Hessian by
 * `chooseHessianMethod` and, where that is Taylor mode or its reverse variant,
 * all three from the one `secondOrder` pass. The computation is jitted: it
 * is recorded once per batch size and runs from its program, writing into
 * the buffers of the last batch (see `jit`).
 *
 *     const at = derivativesUpTo(f, 2, x0);
 *     const { value, jacobian, hessian } = at(points);
 */
export function derivativesUpTo(f: (x: Tensor) => Tensor, order: DerivativeOrder, x0: Tensor): (X: Tensor) => BatchDerivatives {
  const { size: nOut, work } = traceOutputSize(f, [x0]);
  const nIn = x0.size;
  const value = vmap(f);
  if (order === 0) return jit((X: Tensor) => ({ value: value(X) }));
  // Forward mode costs a pass per input, reverse mode a pass per output.
  const jacobian = vmap(nIn <= nOut ? jacfwd(f) : jacrev(f));
  if (order === 1) return jit((X: Tensor) => ({ value: value(X), jacobian: jacobian(X) }));
  const method = chooseHessianMethod(nIn, nOut, work);
  if (method === "fwdrev") {
    const H = vmap(hessian(f, { method }));
    return jit((X: Tensor) => ({ value: value(X), jacobian: jacobian(X), hessian: H(X) }));
  }
  return jit(vmap(secondOrder(f, { method }))) as (X: Tensor) => BatchDerivatives;
}
