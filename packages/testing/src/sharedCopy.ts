/** A copy of `values` in a SharedArrayBuffer, where the CPU kernels' helper threads can reach it. */
export function sharedCopy<T extends Float64Array | Float32Array>(values: T): T {
  const copy = new (values.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}
