import { abstractEval } from "./abstract.js";
import { BackendMismatchError } from "./errors.js";
import type { Prim, PrimParams } from "./primitives.js";
import { Tensor, Tracer } from "./tensor.js";

/** Applies a primitive: the highest-level trace among the arguments handles it, else it runs on their backend. */
export function bind<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
  let top: Tracer | undefined;
  for (const a of args) {
    if (a instanceof Tracer && (top === undefined || a.trace.level > top.trace.level)) top = a;
  }
  return top ? top.trace.process(prim, args, params) : evaluate(prim, args, params);
}

/** Runs a primitive on concrete tensors. */
export function evaluate<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
  const out = abstractEval(prim, args, params);
  const backend = args[0]!.backend;
  for (const a of args) {
    if (a.backend !== backend) {
      throw new BackendMismatchError(
        `${prim}: operands live on different backends (${backend.name} and ${a.backend.name}); move them to one backend first`,
      );
    }
  }
  const buffer = backend.run(prim, args, params, out);
  return new Tensor(out.shape, out.dtype, backend, buffer);
}
