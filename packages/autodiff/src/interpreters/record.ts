import { abstractEval, Tensor, Tracer, type Aval, type Backend, type Prim, type PrimParams, type Trace } from "@nabla/tensor";
import { TransformError } from "../errors.js";

/** One primitive of a recorded program: its operands and its result, by value number. */
export interface Equation {
  readonly prim: Prim;
  readonly params: PrimParams[Prim];
  readonly inputs: readonly number[];
  readonly output: number;
}

/**
 * What a function computes, primitive by primitive, on one backend. Values
 * are numbered in order of appearance: the arguments' leaves first (0, 1, …),
 * then constants (concrete tensors the function closes over, or computes from
 * them alone) and the equations' results.
 */
export interface Program {
  readonly backend: Backend;
  /** Every value's shape and dtype, by number. */
  readonly avals: readonly Aval[];
  readonly constants: ReadonlyMap<number, Tensor>;
  readonly equations: readonly Equation[];
  /** The output leaves' value numbers. */
  readonly outputs: readonly number[];
}

/** A value of a recording: its number in the program. */
export class RecordTracer extends Tracer {
  constructor(
    trace: RecordTrace,
    readonly id: number,
    aval: Aval,
  ) {
    super(trace, aval.shape, aval.dtype, trace.backend);
  }
}

/**
 * Records the primitives a function applies to its arguments instead of
 * running them, computing only their shapes. Work on concrete tensors alone
 * runs once, now, and its result becomes a constant of the program.
 */
export class RecordTrace implements Trace {
  private readonly avals: Aval[] = [];
  private readonly constants = new Map<number, Tensor>();
  private readonly constantIds = new Map<Tensor, number>();
  private readonly equations: Equation[] = [];

  constructor(
    readonly level: number,
    readonly backend: Backend,
  ) {}

  /** A tracer for the next argument leaf; every argument comes before the first primitive. */
  argument(aval: Aval): RecordTracer {
    return this.newValue(aval);
  }

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const inputs = args.map((a) => this.idOf(a, `${prim}'s operand`));
    const out = this.newValue(abstractEval(prim, args, params));
    this.equations.push({ prim, params, inputs, output: out.id });
    return out;
  }

  /**
   * The program that computes `outputs` (this trace's values or concrete
   * tensors), without the equations they do not need: a transform computes
   * more than it returns (the value that `jacfwd` and `hessian` drop, say).
   */
  program(outputs: readonly Tensor[]): Program {
    const ids = outputs.map((t, i) => this.idOf(t, `output ${i}`));
    const needed = new Set(ids);
    const kept: Equation[] = [];
    for (let e = this.equations.length - 1; e >= 0; e--) {
      const eq = this.equations[e]!;
      if (!needed.has(eq.output)) continue;
      for (const id of eq.inputs) needed.add(id);
      kept.push(eq);
    }
    const equations = kept.reverse();
    const { backend, avals, constants } = this;
    return { backend, avals, constants, equations, outputs: ids };
  }

  private newValue(aval: Aval): RecordTracer {
    return new RecordTracer(this, this.avals.push({ shape: aval.shape, dtype: aval.dtype }) - 1, aval);
  }

  private idOf(t: Tensor, what: string): number {
    if (t instanceof RecordTracer && t.trace === this) return t.id;
    if (t instanceof Tracer) {
      throw new TransformError(`jit: ${what} is a value of an enclosing transform that the function closes over; pass it as an argument instead`);
    }
    if (t.backend !== this.backend) {
      throw new TransformError(`jit: ${what} lives on the ${t.backend.name} backend, the arguments on ${this.backend.name}; move it first`);
    }
    let id = this.constantIds.get(t);
    if (id === undefined) {
      id = this.newValue(t).id;
      this.constants.set(id, t);
      this.constantIds.set(t, id);
    }
    return id;
  }
}
