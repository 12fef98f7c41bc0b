/**
 * Plans: what one thread does for its share of a kernel call — copies between
 * the tensors' buffers and the module's memory, and calls of the module's
 * functions — as a flat list of numbers. The calling thread runs its own plan
 * with `runPlan`; a helper thread (`helpers.ts`) is handed its plan with the
 * buffers (shared, so nothing is copied to hand them over) and runs it with
 * the same function, so every thread copies its own blocks in and out and the
 * threads meet once a call, not once a block.
 */
import type { HostArray } from "../../../backend.js";

/** The operations of a plan, by their first number (`runPlan` reads the same numbers). */
const Op = { in: 0, out: 1, zero: 2, call: 3 } as const;

/** Builds a plan. Positions in the memory are in float64 values (byte address / 8), in buffers in their elements. */
export class PlanBuilder {
  private readonly words: number[] = [];

  /** memory[to …] = buffers[buffer][from … from + count). */
  in(buffer: number, from: number, count: number, to: number): this {
    this.words.push(Op.in, buffer, from, count, to);
    return this;
  }

  /** buffers[buffer][to …] = memory[from … from + count). */
  out(buffer: number, to: number, count: number, from: number): this {
    this.words.push(Op.out, buffer, to, count, from);
    return this;
  }

  /** memory[at … at + count) = 0. */
  zero(at: number, count: number): this {
    if (count > 0) this.words.push(Op.zero, at, count);
    return this;
  }

  /** Calls the module's function number `fn` with `args`. */
  call(fn: number, args: readonly number[]): this {
    this.words.push(Op.call, fn, args.length, ...args);
    return this;
  }

  build(): Float64Array {
    return Float64Array.from(this.words);
  }
}

/**
 * Runs `plan` on the memory seen as `heap`, with `buffers` and the module's
 * functions `fns`. Self-contained — it uses nothing outside its body, and
 * names its operations by number — because helpers.ts gives its source text
 * to the helper threads.
 */
export function runPlan(
  plan: Float64Array,
  buffers: readonly HostArray[],
  heap: Float64Array,
  fns: readonly ((...args: number[]) => unknown)[],
): void {
  for (let i = 0; i < plan.length;) {
    const op = plan[i];
    if (op === 0) {
      const from = plan[i + 2]!;
      heap.set(buffers[plan[i + 1]!]!.subarray(from, from + plan[i + 3]!), plan[i + 4]!);
      i += 5;
    } else if (op === 1) {
      const from = plan[i + 4]!;
      buffers[plan[i + 1]!]!.set(heap.subarray(from, from + plan[i + 3]!), plan[i + 2]!);
      i += 5;
    } else if (op === 2) {
      heap.fill(0, plan[i + 1]!, plan[i + 1]! + plan[i + 2]!);
      i += 3;
    } else if (op === 3) {
      const argc = plan[i + 2]!;
      fns[plan[i + 1]!]!(...plan.subarray(i + 3, i + 3 + argc));
      i += 3 + argc;
    } else throw new Error(`runPlan: unknown operation ${op} at ${i}`);
  }
}
