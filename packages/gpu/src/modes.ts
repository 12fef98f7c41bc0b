import gpujs from "gpu.js";
import { inNode } from "./runtime.js";

/** The modes of gpu.js that run synchronously, fastest first (gpu.js's own automatic order). */
export const gpujsModes = ["headlessgl", "webgl2", "webgl", "webasm", "cpu"] as const;
export type GpuJsMode = (typeof gpujsModes)[number];

/** Every mode this package can run, fastest first: WebGPU compute shaders, then gpu.js's modes. */
export const modes = ["webgpu", ...gpujsModes] as const;
export type Mode = (typeof modes)[number];

/** Whether a mode can run here, and why not when it cannot. */
export interface ModeStatus {
  readonly mode: Mode;
  readonly available: boolean;
  /** What was found: the reason a mode is unavailable, or what it runs on. */
  readonly reason: string;
}

/** Whether each gpu.js mode can run here (synchronous: gpu.js probes a context for each). */
export function gpujsModeStatus(mode: GpuJsMode): ModeStatus {
  const { GPU } = gpujs;
  switch (mode) {
    case "headlessgl":
      return GPU.isHeadlessGLSupported
        ? { mode, available: true, reason: "headless GL context (the `gl` package)" }
        : {
            mode,
            available: false,
            reason: inNode
              ? "gpu.js could not create a headless GL context: its optional `gl` package is not installed or not built (it needs a native build against an OpenGL stack)"
              : "headless GL exists only in Node",
          };
    case "webgl2":
      return GPU.isWebGL2Supported
        ? { mode, available: true, reason: "WebGL2 context" }
        : { mode, available: false, reason: inNode ? "WebGL2 needs a browser canvas; Node has none" : "the browser gave no WebGL2 context" };
    case "webgl":
      return GPU.isWebGLSupported
        ? { mode, available: true, reason: "WebGL context" }
        : { mode, available: false, reason: inNode ? "WebGL needs a browser canvas; Node has none" : "the browser gave no WebGL context" };
    case "webasm":
      return GPU.isWebAssemblySupported
        ? { mode, available: true, reason: "WebAssembly with f32x4 SIMD on the CPU, one thread" }
        : { mode, available: false, reason: "this engine has no WebAssembly" };
    case "cpu":
      return { mode, available: true, reason: "gpu.js's JavaScript kernels on the CPU" };
  }
}
