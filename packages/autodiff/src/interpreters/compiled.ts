import { Tensor, type BufferPool, type BufferView } from "@nabla/tensor";
import type { Program } from "./record.js";

/**
 * A recorded program, run again on new arguments. Each equation knows which
 * results it reads for the last time (a recorded program holds only what its
 * outputs need, so every other result is read), so where the backend has a
 * buffer pool their buffers go back to it as soon as they are dead and the
 * next results are written into them; elsewhere the run lets go of them, for
 * the backend to free as it frees a dead tensor's. Buffers are counted by
 * owner, since a reshape or a block of a buffer shares its memory.
 */
export class CompiledProgram {
  /** By equation: the results read there for the last time. */
  private readonly dying: number[][];

  constructor(readonly program: Program) {
    const { equations, outputs } = program;
    const lastRead = new Map<number, number>();
    equations.forEach((eq, e) => {
      for (const id of eq.inputs) lastRead.set(id, e);
    });
    for (const id of outputs) lastRead.delete(id);
    this.dying = equations.map(() => []);
    const made = new Set(equations.map((eq) => eq.output));
    for (const [id, e] of lastRead) if (made.has(id)) this.dying[e]!.push(id);
  }

  /** The outputs' tensors for these argument leaves (the recorded shapes and dtypes, on the recorded backend). */
  run(args: readonly Tensor[], pool?: BufferPool<unknown>): Tensor[] {
    const { avals, constants, equations, outputs, backend } = this.program;
    const buffers: unknown[] = new Array(avals.length);
    args.forEach((t, i) => (buffers[i] = t.buffer));
    for (const [id, t] of constants) buffers[id] = t.buffer;
    const view = (id: number): BufferView<unknown> => ({ buffer: buffers[id], shape: avals[id]!.shape, dtype: avals[id]!.dtype });
    const held = new Map<object, number>();
    const execute = (): void => {
      for (let e = 0; e < equations.length; e++) {
        const { prim, params, inputs, output } = equations[e]!;
        buffers[output] = backend.run(prim, inputs.map(view), params, avals[output]!);
        const owner = pool?.owner(buffers[output]);
        if (owner) held.set(owner, (held.get(owner) ?? 0) + 1);
        for (const id of this.dying[e]!) {
          const dead = pool?.owner(buffers[id]);
          // Without a pool, the backend frees what no one holds: this run no longer does.
          buffers[id] = undefined;
          if (!dead) continue;
          const left = held.get(dead)! - 1;
          if (left > 0) held.set(dead, left);
          else {
            held.delete(dead);
            pool!.recycle(dead);
          }
        }
      }
    };
    // The results' buffers, never given back, leave the pool with them.
    if (pool) pool.supply(execute);
    else execute();
    return outputs.map((id) => new Tensor(avals[id]!.shape, avals[id]!.dtype, backend, buffers[id]));
  }
}
