/**
 * Error classes of @nabla/gpu. Each message says what was wrong, where, and
 * what was expected.
 */

/** A backend mode was asked for where it cannot run. */
export class ModeUnavailableError extends Error {
  override name = "ModeUnavailableError";
  constructor(
    readonly mode: string,
    readonly reason: string,
  ) {
    super(`@nabla/gpu: mode "${mode}" is not available here: ${reason}`);
  }
}

/** An option had a value the backend does not know. */
export class GpuOptionError extends TypeError {
  override name = "GpuOptionError";
}

/** A tensor is too large for the kernels of a mode (gpu.js addresses elements with float32). */
export class GpuSizeError extends RangeError {
  override name = "GpuSizeError";
}

/** A synchronous read of a buffer that can only be read asynchronously (WebGPU). */
export class AsyncReadbackError extends Error {
  override name = "AsyncReadbackError";
}

/** A kernel failed to compile or run on the device. */
export class KernelError extends Error {
  override name = "KernelError";
  constructor(
    readonly where: string,
    readonly source: string,
    cause: unknown,
  ) {
    super(`@nabla/gpu: ${where} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A buffer of one backend was handed to another, or used after the backend was disposed. */
export class GpuBufferError extends TypeError {
  override name = "GpuBufferError";
}
