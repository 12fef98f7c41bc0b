/**
 * The CPU backend's buffer pool. JavaScript only gives zero-filled memory,
 * and a large buffer comes fresh from the operating system, its pages
 * faulting in on the first write: writing into a buffer used before costs a
 * fraction of that. So a `jit` program's dead intermediates come back here
 * and its next primitives write into them.
 *
 * A free buffer serves an output of at most its length and at least half of
 * it (as a view of its first values), so that chunks of changing sizes still
 * reuse it. It keeps its old values: most kernels write their output whole,
 * and those that add into it ask for it zeroed. After a run the pool keeps
 * the buffers given back during it, and nothing else. Its buffers are shared
 * with the kernels' helper threads whatever their size, since the pool bounds
 * how many there are.
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
  /** The free buffers, and those handed out during the current run, by their memory. */
  private owned = new Map<ArrayBufferLike, HostArray>();
  private free: HostArray[] = [];
  /** Buffers given back during the current run: what the pool keeps after it. */
  private recycled = new Set<HostArray>();

  supply<T>(work: () => T): T {
    const outer = supplier;
    supplier = (dtype, size, zeroed) => this.take(dtype, size, zeroed);
    this.recycled = new Set();
    try {
      return work();
    } finally {
      supplier = outer;
      // What the run did not give back (its results, or what a failed run left) is no longer the pool's.
      this.free = this.free.filter((buffer) => this.recycled.has(buffer));
      this.owned = new Map(this.free.map((buffer) => [buffer.buffer, buffer]));
    }
  }

  owner(buffer: HostArray): object | undefined {
    return this.owned.has(buffer.buffer) ? buffer.buffer : undefined;
  }

  recycle(owner: object): void {
    const buffer = this.owned.get(owner as ArrayBufferLike);
    if (buffer) {
      this.free.push(buffer);
      this.recycled.add(buffer);
    }
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
    const view = buffer!.length === size ? buffer! : buffer!.subarray(0, size);
    return zeroed ? view.fill(0) : view;
  }
}
