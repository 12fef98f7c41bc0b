import { GpuOptionError } from "./errors.js";
import { GpuJsBackend } from "./gpujs/backend.js";
import { gpujsModes, gpujsModeStatus, modes, type GpuJsMode, type Mode, type ModeStatus } from "./modes.js";
import { WebGpuBackend } from "./webgpu/backend.js";
import { probeWebGpu } from "./webgpu/navigator.js";

export type GpuBackend = GpuJsBackend | WebGpuBackend;

export interface GpuBackendOptions {
  /**
   * "auto" (the default): the fastest mode available, in the order webgpu,
   * headlessgl, webgl2, webgl, webasm, cpu. A named mode is used or refused
   * with ModeUnavailableError saying why.
   */
  mode?: Mode | "auto";
  /**
   * Leave out modes whose values can only be read asynchronously (webgpu),
   * for callers of `tensor.data()`. Default false.
   */
  synchronousReads?: boolean;
  powerPreference?: "low-power" | "high-performance";
}

/**
 * A float32 backend in the mode asked for, or the fastest available. What was
 * chosen and why faster modes were not is in `describeBackend(backend)`.
 *
 *     const backend = await createGpuBackend();            // auto
 *     const webasm = await createGpuBackend({ mode: "webasm" });
 */
export async function createGpuBackend({ mode = "auto", synchronousReads = false, powerPreference }: GpuBackendOptions = {}): Promise<GpuBackend> {
  if (mode !== "auto" && !(modes as readonly string[]).includes(mode)) {
    throw new GpuOptionError(`createGpuBackend: unknown mode "${mode}"; expected "auto" or one of ${modes.join(", ")}`);
  }
  if (mode === "webgpu") {
    if (synchronousReads) throw new GpuOptionError('createGpuBackend: mode "webgpu" reads only asynchronously, but synchronousReads is true');
    return WebGpuBackend.create({ powerPreference });
  }
  if (mode !== "auto") return new GpuJsBackend({ mode });
  let webgpu: ModeStatus;
  if (synchronousReads) {
    webgpu = { mode: "webgpu", available: false, reason: "left out: synchronous reads were asked for, and WebGPU reads only asynchronously" };
  } else {
    const probe = await probeWebGpu(powerPreference);
    if (probe.adapter) {
      try {
        return await WebGpuBackend.create({ powerPreference });
      } catch (cause) {
        webgpu = {
          mode: "webgpu",
          available: false,
          reason: `${probe.reason}, but no device: ${cause instanceof Error ? cause.message : String(cause)}`,
        };
      }
    } else {
      webgpu = { mode: "webgpu", available: false, reason: probe.reason };
    }
  }
  return new GpuJsBackend({ mode: "gpu", considered: [webgpu] });
}

/** Whether each mode can run here, fastest first (probes WebGPU, which is asynchronous). */
export async function modeStatuses(powerPreference?: "low-power" | "high-performance"): Promise<ModeStatus[]> {
  const probe = await probeWebGpu(powerPreference);
  const webgpu: ModeStatus = { mode: "webgpu", available: probe.adapter !== null, reason: probe.reason };
  return [webgpu, ...gpujsModes.map((m: GpuJsMode) => gpujsModeStatus(m))];
}
