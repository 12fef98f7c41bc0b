import type { Backend } from "@nabla/tensor";
import { GpuJsBackend } from "./gpujs/backend.js";
import type { Mode, ModeStatus } from "./modes.js";
import { WebGpuBackend } from "./webgpu/backend.js";

/** What a backend runs on, and why faster modes were not chosen. */
export interface BackendDescription {
  readonly name: string;
  /** The mode kernels run in, or undefined for a backend of another package (the CPU reference). */
  readonly mode: Mode | undefined;
  /** What compiles and runs the kernels. */
  readonly engine: string;
  /** The precision of values on the backend. */
  readonly precision: "float32" | "as stored (float64 or float32)";
  /** Where intermediate results stay between kernels. */
  readonly residency: string;
  /** The adapter or context, where known. */
  readonly device?: string;
  /** Faster modes that are unavailable here, each with its reason. */
  readonly passedOver: readonly ModeStatus[];
  /** Kernels that gpu.js ran in its cpu mode instead of the mode asked for. */
  readonly fallbacks: readonly string[];
  /** One line for logs and reports. */
  readonly summary: string;
}

const GPUJS_VERSION = "2.24.1";

const residencies: Record<Mode, string> = {
  webgpu: "GPU storage buffers; values cross to the host only when read",
  headlessgl: "float textures on the GPU (gpu.js pipeline mode); values cross to the host only when read",
  webgl2: "float textures on the GPU (gpu.js pipeline mode); values cross to the host only when read",
  webgl: "float textures on the GPU (gpu.js pipeline mode); values cross to the host only when read",
  webasm: "Float32Arrays in host memory (gpu.js pipeline mode has no device memory here; each kernel copies its operands into WebAssembly memory)",
  cpu: "Float32Arrays in host memory",
};

/**
 * The mode a backend runs in and why, for logs, reports and the explorer's
 * backend control.
 *
 *     describeBackend(await createGpuBackend()).summary
 *     // "gpu.js/webasm (gpu.js 2.24.1), float32; not webgpu: …; not headlessgl: …"
 */
export function describeBackend(backend: Backend): BackendDescription {
  let mode: Mode | undefined,
    engine: string,
    device: string | undefined,
    fallbacks: readonly string[] = [],
    passedOver: readonly ModeStatus[] = [];
  if (backend instanceof WebGpuBackend) {
    mode = "webgpu";
    engine = "WGSL compute shaders generated per primitive and shape";
    const info = backend.adapterInfo;
    device =
      [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s !== undefined && s !== "").join(" ") || backend.found;
  } else if (backend instanceof GpuJsBackend) {
    mode = backend.mode;
    engine = `gpu.js ${GPUJS_VERSION} kernels generated per primitive and shape`;
    fallbacks = backend.fallbacks;
    passedOver = backend.passedOver;
  } else {
    engine = "the backend's own kernels";
  }
  const precision = mode === undefined ? "as stored (float64 or float32)" : "float32";
  const residency = mode === undefined ? "the backend's buffers" : residencies[mode];
  const reasons = passedOver.map((s) => `not ${s.mode}: ${s.reason}`);
  const summary = [
    `${backend.name} (${mode === "webgpu" ? "WGSL" : mode === undefined ? "reference" : `gpu.js ${GPUJS_VERSION}`}), ${precision}${device ? ` on ${device}` : ""}`,
    ...reasons,
  ].join("; ");
  return { name: backend.name, mode, engine, precision, residency, ...(device ? { device } : {}), passedOver, fallbacks, summary };
}
