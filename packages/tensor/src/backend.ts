import type { Aval } from "./abstract.js";
import type { DType, Prim, PrimParams } from "./primitives.js";
import type { Shape } from "./shape.js";

export type HostArray = Float64Array | Float32Array;

/** A buffer with the shape and dtype it holds, as a kernel sees its inputs. */
export interface BufferView<B> {
  readonly buffer: B;
  readonly shape: Shape;
  readonly dtype: DType;
}

/**
 * Where tensors live and primitives run. A backend owns its buffers: tensors
 * only hold them, and cross to the host through `fromHost` / `toHost`.
 */
export interface Backend<B = unknown> {
  readonly name: string;
  /** A new buffer holding a copy of `data` as `dtype`. */
  fromHost(data: ArrayLike<number>, dtype: DType): B;
  /** A host copy of the buffer's values. */
  toHost(buffer: B, dtype: DType, size: number): HostArray;
  /** Runs one primitive; `out` is its output shape and dtype, already checked. */
  run<P extends Prim>(prim: P, inputs: readonly BufferView<B>[], params: PrimParams[P], out: Aval): B;
  /** A pool of output buffers to recycle between primitives, where the backend has one (see `BufferPool`). */
  newPool?(): BufferPool<B>;
  /**
   * Whether `run` takes Matmul with a third operand, n values added to every
   * row of the product (a layer's bias), as an addition after it would add
   * them: a jitted program then adds a bias in the product's kernel, while
   * its block is in cache, rather than in an addition of its own. Ops never
   * bind Matmul so; only recorded programs run it.
   */
  readonly matmulBias?: boolean;
  /**
   * Whether `run` takes Matmul with `scalePeriod` and a last operand of
   * scales that multiply A's rows before the product (see `PrimParams`), as a
   * product before it would: a jitted program then scales a block of rows in
   * cache (under `jvp`, a layer's tangents times its activation's derivative)
   * rather than in a pass over memory of its own.
   */
  readonly matmulScale?: boolean;
}

/**
 * Output buffers handed out again once their values are dead. A program that
 * knows its values' last uses (a `jit` program) gives them back, so that a call
 * writes into buffers the last call warmed instead of fresh memory. A buffer
 * is known by its owner: the pooled buffer it is, or is a view of (a reshape
 * or a block of it shares its memory).
 */
export interface BufferPool<B> {
  /**
   * Runs `work` with every output buffer the backend makes taken from this
   * pool: a free one that fits, else a new one. When it returns (or throws),
   * the pool keeps the buffers given back during it and lets go of all the
   * others it handed out: the results leave with the caller.
   */
  supply<T>(work: () => T): T;
  /** The owner of the pooled buffer `buffer` is or views; undefined when the pool does not hold it. */
  owner(buffer: B): object | undefined;
  /** Takes an owner back to hand out again: no value reads it any more. */
  recycle(owner: object): void;
}

export const hostArrayFor = (dtype: DType, size: number): HostArray => (dtype === "float64" ? new Float64Array(size) : new Float32Array(size));
