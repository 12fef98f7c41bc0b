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
}

export const hostArrayFor = (dtype: DType, size: number): HostArray => (dtype === "float64" ? new Float64Array(size) : new Float32Array(size));
