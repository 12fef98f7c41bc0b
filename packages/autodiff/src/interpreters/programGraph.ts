import { Prim } from "@nabla/tensor";
import type { Program } from "./record.js";

/** Who reads and who makes each value of a program, for the rewrites of `jit`. */
export class ProgramGraph {
  private readonly readers = new Map<number, number[]>();
  private readonly makers = new Map<number, number>();
  private readonly results: ReadonlySet<number>;

  constructor(private readonly program: Program) {
    program.equations.forEach((eq, e) => {
      this.makers.set(eq.output, e);
      for (const id of eq.inputs) {
        const list = this.readers.get(id);
        if (list) list.push(e);
        else this.readers.set(id, [e]);
      }
    });
    this.results = new Set(program.outputs);
  }

  /** The equations that read `id`, in program order. */
  readersOf(id: number): readonly number[] {
    return this.readers.get(id) ?? [];
  }

  /** Whether `id` is one of the program's outputs. */
  isResult(id: number): boolean {
    return this.results.has(id);
  }

  /** The one equation that reads `id`, unless it is a result or read more than once. */
  onlyReader(id: number): number | undefined {
    const reads = this.readers.get(id);
    return !this.results.has(id) && reads?.length === 1 ? reads[0] : undefined;
  }

  /** The equation that computes `id`; −1 for an argument or a constant. */
  madeAt(id: number): number {
    return this.makers.get(id) ?? -1;
  }

  /**
   * From `id`, the chain of reshapes that are each the only reader of the
   * value before them and keep its last axis at `lastAxis` (views of the same
   * rows): their equations, the value at the end of the chain, and the one
   * equation that reads that value (undefined where it is read by more or
   * none, or is a result).
   */
  throughRowReshapes(id: number, lastAxis: number): { between: number[]; value: number; reader: number | undefined } {
    const { equations, avals } = this.program;
    const between: number[] = [];
    let value = id;
    let reader = this.onlyReader(value);
    while (reader !== undefined && equations[reader]!.prim === Prim.Reshape && avals[equations[reader]!.output]!.shape.at(-1) === lastAxis) {
      between.push(reader);
      value = equations[reader]!.output;
      reader = this.onlyReader(value);
    }
    return { between, value, reader };
  }
}

/** Whether `shape` is `scaled` but for its axis before last, of length 1: one row a point where `scaled` has D (a scaling's other operand). */
export function isOneRowAPoint(shape: readonly number[], scaled: readonly number[]): boolean {
  const r = scaled.length;
  return r >= 2 && shape.length === r && shape[r - 2] === 1 && shape.every((d, i) => i === r - 2 || d === scaled[i]);
}
