import type { Backend, HostArray } from "./backend.js";
import { ConcretizationError } from "./errors.js";
import type { DType, Prim, PrimParams } from "./primitives.js";
import { fmt, sizeOf, stridesOf, type Shape } from "./shape.js";

export type NestedArray = number | NestedArray[];

/**
 * An immutable n-d array, row-major. A concrete tensor holds a backend buffer;
 * a `Tracer` (a subclass) stands for a value inside a transform.
 */
export class Tensor {
  constructor(
    readonly shape: Shape,
    readonly dtype: DType,
    readonly backend: Backend,
    /** The backend's buffer; undefined for tracers. */
    readonly buffer: unknown,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  /** A copy of the values, row-major. */
  data(): HostArray {
    if (this instanceof Tracer) {
      throw new ConcretizationError(
        `cannot read the values of a traced tensor of shape ${fmt(this.shape)} inside a transform; write the function with tensor ops only`,
      );
    }
    return this.backend.toHost(this.buffer, this.dtype, this.size);
  }

  /** The values as nested JS arrays (a number for a 0-d tensor). */
  toArray(): NestedArray {
    const data = this.data();
    if (this.rank === 0) return data[0]!;
    const strides = stridesOf(this.shape);
    const build = (axis: number, offset: number): NestedArray[] =>
      Array.from({ length: this.shape[axis]! }, (_, i) =>
        axis === this.rank - 1 ? data[offset + i]! : build(axis + 1, offset + i * strides[axis]!),
      );
    return build(0, 0);
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new TypeError(`item: the tensor has shape ${fmt(this.shape)}, expected exactly one element`);
    return this.data()[0]!;
  }

  toString(): string {
    return this instanceof Tracer ? `Tracer(${fmt(this.shape)}, ${this.dtype})` : `Tensor(${JSON.stringify(this.toArray())}, ${this.dtype})`;
  }
}

/** An interpreter that handles primitives applied to its tracers. */
export interface Trace {
  /** Nesting order: a trace handles a primitive when it holds the highest level among the arguments. */
  readonly level: number;
  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor;
}

/** A value being traced by a transform. Subclasses (in @nabla/autodiff) carry what their trace needs. */
export abstract class Tracer extends Tensor {
  constructor(
    readonly trace: Trace,
    shape: Shape,
    dtype: DType,
    backend: Backend,
  ) {
    super(shape, dtype, backend, undefined);
  }
}
