import { inNode } from "../runtime.js";
import type { GpuAdapter, GpuLike } from "./types.js";

/** Where WebGPU was looked for, and the adapter found or why there is none. */
export interface WebGpuProbe {
  readonly adapter: GpuAdapter | null;
  readonly reason: string;
}

/**
 * The WebGPU entry point: `navigator.gpu` in browsers (and in Node where a
 * runtime provides it), else, in Node, the `webgpu` package (Dawn), which
 * loads only where its binary's requirements (glibc ≥ 2.38) are met.
 */
function findGpu(): Promise<{ gpu: GpuLike | null; reason: string }> {
  return (found ??= lookForGpu());
}

/**
 * One entry point per process: on an H100 with NVIDIA's Vulkan driver, Dawn
 * aborted the process (std::system_error) when a later instance requested a
 * device after an earlier one had probed the adapter.
 */
let found: Promise<{ gpu: GpuLike | null; reason: string }> | undefined;

async function lookForGpu(): Promise<{ gpu: GpuLike | null; reason: string }> {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  if (nav?.gpu) return { gpu: nav.gpu, reason: "navigator.gpu" };
  if (!inNode)
    return { gpu: null, reason: "this browser has no navigator.gpu (WebGPU is off or unsupported; headless Chromium needs --enable-unsafe-webgpu)" };
  // A computed specifier keeps bundlers from pulling the Node-only package into browser builds.
  const specifier = "webgpu";
  try {
    const dawn = (await import(/* @vite-ignore */ specifier)) as { create(flags: string[]): GpuLike };
    return { gpu: dawn.create([]), reason: "the webgpu package (Dawn)" };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split("\n")[0]! : String(cause);
    return { gpu: null, reason: `Node has no navigator.gpu and the webgpu package (Dawn) did not load: ${message}` };
  }
}

/** Looks for a WebGPU adapter; never throws. */
export async function probeWebGpu(powerPreference: "low-power" | "high-performance" = "high-performance"): Promise<WebGpuProbe> {
  const { gpu, reason } = await findGpu();
  if (!gpu) return { adapter: null, reason };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference });
    if (!adapter) return { adapter: null, reason: `${reason} gave no adapter (no GPU, or WebGPU is blocked for it)` };
    const info = adapter.info;
    const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s !== undefined && s !== "").join(" ");
    return { adapter, reason: `${reason}, adapter ${name || "(unnamed)"}` };
  } catch (cause) {
    return { adapter: null, reason: `${reason}: requestAdapter failed: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
}
