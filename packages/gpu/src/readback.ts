import type { DType, HostArray, Tensor } from "@nabla/tensor";

/** A backend that can read its buffers back asynchronously (every backend of this package). */
export interface AsyncReadable<B = unknown> {
  readAsync(buffer: B, dtype: DType, size: number): Promise<HostArray>;
}

const readsAsync = (backend: unknown): backend is AsyncReadable => typeof (backend as Partial<AsyncReadable> | null)?.readAsync === "function";

/**
 * A tensor's values on any backend: the one way to read a WebGPU tensor
 * (WebGPU has no synchronous readback), and `t.data()` elsewhere.
 *
 *     const values = await readTensor(vmap(jacrev(f))(points));
 */
export async function readTensor(t: Tensor): Promise<HostArray> {
  // A traced tensor has no buffer: data() raises the tensor package's ConcretizationError.
  if (!readsAsync(t.backend) || t.buffer === undefined) return t.data();
  return t.backend.readAsync(t.buffer, t.dtype, t.size);
}

/** Several tensors' values, read together. */
export const readTensors = (ts: readonly Tensor[]): Promise<HostArray[]> => Promise.all(ts.map(readTensor));
