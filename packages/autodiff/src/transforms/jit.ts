import { Tracer, type Backend, type BufferPool, type Tensor } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { flatten, unflatten, type TreeDef } from "../core/tree.js";
import { CompiledProgram } from "../interpreters/compiled.js";
import { fuseBiasAdds } from "../interpreters/fuse.js";
import { foldScales } from "../interpreters/foldScales.js";
import { fuseRowScales } from "../interpreters/fuseRowScales.js";
import { narrowStacks } from "../interpreters/narrowStacks.js";
import { RecordTrace, type Program } from "../interpreters/record.js";

/** Programs a jitted function keeps, one per shape of its arguments, the least recently used dropped first. */
export const JIT_PROGRAMS = 8;

/**
 * What a recorded program goes through before it runs, in order: constants
 * folded into products first, so that the fusions after see the products
 * that remain.
 */
const REWRITES: readonly ((program: Program) => Program)[] = [foldScales, narrowStacks, fuseBiasAdds, fuseRowScales];

interface Compiled {
  readonly program: CompiledProgram;
  readonly outDef: TreeDef;
}

/**
 * f, recorded once per shape of its arguments into a program of primitives,
 * then run from the program: composed transforms are interpreted once rather
 * than on every call, work on constants alone (the weights) is done once,
 * where the backend has a buffer pool (the CPU's) each call writes its
 * intermediates into the buffers of the last one, freed as soon as they are
 * dead, and the program is rewritten (REWRITES): a constant scaling folded
 * into the product that reads it (`foldScales`), GELU stacks narrowed to the
 * orders read (`narrowStacks`), and where the backend's products take them
 * (the CPU's) a layer's bias added and its tangents scaled in the product's
 * kernel (`fuseBiasAdds`, `fuseRowScales`). The values are those of f, bit
 * for bit in float64, but where a scaling was folded: (c⊙x)·w computed as
 * x·(c⊙w) rounds differently in the last bits; in float32 a fused product is
 * not rounded before its bias or scaling. The pool keeps the buffers of the
 * last call between calls.
 *
 * f takes trees of tensors and must compute with tensor ops only (as under
 * every transform): it is not called again for arguments of known shapes.
 * Inside another transform (a tracer among the arguments), jit just calls f.
 *
 *     const derivatives = jit(vmap(secondOrder(net)));
 *     const { value, jacobian, hessian } = derivatives(points);
 */
export function jit<F extends (...args: any[]) => unknown>(f: F): F {
  const compiled = new Map<string, Compiled>();
  const pools = new Map<Backend, BufferPool<unknown> | undefined>();
  return ((...args: unknown[]) => {
    const { leaves, def } = flatten(args, "jit: argument");
    if (leaves.length === 0 || leaves.some((t) => t instanceof Tracer)) return f(...args);
    const backend = leaves[0]!.backend;
    const key = `${backend.name} ${JSON.stringify(def)} ${leaves.map((t) => `${t.dtype}[${t.shape.join(",")}]`).join(" ")}`;
    let entry = compiled.get(key);
    if (entry && entry.program.program.backend === backend) compiled.delete(key);
    else entry = record(f, leaves, def, backend);
    compiled.set(key, entry);
    if (compiled.size > JIT_PROGRAMS) compiled.delete(compiled.keys().next().value!);
    if (!pools.has(backend)) pools.set(backend, backend.newPool?.());
    const outputs = entry.program.run(leaves, pools.get(backend));
    return unflatten(entry.outDef, outputs);
  }) as F;
}

/** f recorded on tracers of these argument leaves. */
function record(f: (...args: any[]) => unknown, leaves: readonly Tensor[], def: TreeDef, backend: Backend): Compiled {
  const trace = new RecordTrace(newLevel(), backend);
  const args = unflatten(
    def,
    leaves.map((t) => trace.argument(t)),
  ) as unknown[];
  const { leaves: outLeaves, def: outDef } = flatten(f(...args), "jit: the function's output");
  return { program: new CompiledProgram(REWRITES.reduce((program, rewrite) => rewrite(program), trace.program(outLeaves))), outDef };
}
