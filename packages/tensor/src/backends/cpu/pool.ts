/**
 * The CPU backend's buffer pool. JavaScript only gives zero-filled memory,
 * and a large buffer comes fresh from the operating system, its pages
 * faulting in on the first write: writing into a buffer used before costs a
 * fraction of that. So a `jit` plan's dead intermediates come back here and
 * its next primitives write into them.
 *
 * A free buffer serves an output of at most its length and at least half of
 * it (as a view of its first values), so that chunks of changing sizes still
 * reuse it. It keeps its old values: most kernels write their output whole,
 * and those that add into it ask for it zeroed. The pool keeps what its last run took: a free buffer no output of
 * that run wanted is dropped at its end. Its buffers are shared with the
 * kernels' helper threads whatever their size, since the pool bounds how many
 * there are.
 */
import type { BufferPool, HostArray } from "../../backend.js";
import type { DType } from "../../primitives.js";
import { newBuffer } from "./buffers.js";

type Supplier = (dtype: DType, size: number, zeroed: boolean) => HostArray;

let supplier: Supplier | null = null;

/** The output buffer the supplying pool gives (its old values left, unless `zeroed`), or null when no pool supplies them. */
export const pooledBuffer = (dtype: DType, size: number, zeroed: boolean): HostArray | null => supplier?.(dtype, size, zeroed) ?? null;

const dtypeOf = (buffer: HostArray): DType => (buffer instanceof Float64Array ? "float64" : "float32");

export class HostBufferPool implements BufferPool<HostArray> {
  /** Every buffer handed out and not released, by its memory. */
  private readonly owned = new Map<ArrayBufferLike, HostArray>();
  private free: HostArray[] = [];
  /** Free buffers taken during the current run: what the next one keeps. */
  private taken = new Set<HostArray>();

  supply<T>(work: () => T): T {
    const outer = supplier;
    supplier = (dtype, size, zeroed) => this.take(dtype, size, zeroed);
    this.taken = new Set();
    try {
      return work();
    } finally {
      supplier = outer;
      for (const buffer of this.free) if (!this.taken.has(buffer)) this.owned.delete(buffer.buffer);
      this.free = this.free.filter((buffer) => this.taken.has(buffer));
    }
  }

  owner(buffer: HostArray): object | undefined {
    return this.owned.has(buffer.buffer) ? buffer.buffer : undefined;
  }

  recycle(owner: object): void {
    const buffer = this.owned.get(owner as ArrayBufferLike);
    if (buffer) {
      this.free.push(buffer);
      this.taken.add(buffer);
    }
  }

  release(owner: object): void {
    this.owned.delete(owner as ArrayBufferLike);
  }

  /** The smallest free buffer that fits, else a new (zero-filled) one. */
  private take(dtype: DType, size: number, zeroed: boolean): HostArray {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const { length } = this.free[i]!;
      if (dtypeOf(this.free[i]!) === dtype && length >= size && length <= 2 * size && (best < 0 || length < this.free[best]!.length)) best = i;
    }
    if (best < 0) {
      const buffer = newBuffer(dtype, size, Infinity);
      this.owned.set(buffer.buffer, buffer);
      return buffer;
    }
    const [buffer] = this.free.splice(best, 1);
    this.taken.add(buffer!);
    const view = buffer!.length === size ? buffer! : buffer!.subarray(0, size);
    return zeroed ? view.fill(0) : view;
  }
}
