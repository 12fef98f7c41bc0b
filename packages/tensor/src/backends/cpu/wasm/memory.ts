/** The size of a WebAssembly memory page. */
export const PAGE = 65536;

/**
 * Grows `memory` to at least `bytes`, and gives the Float64Array over it:
 * `heap` itself, unless growing replaced the memory's buffer.
 */
export function reserve(memory: WebAssembly.Memory, heap: Float64Array, bytes: number): Float64Array {
  const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages);
  return heap.buffer === memory.buffer ? heap : new Float64Array(memory.buffer);
}
