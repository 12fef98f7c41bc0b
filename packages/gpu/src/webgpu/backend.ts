import { formatShape, Prim, sizeOf, type Aval, type Backend, type BufferView, type DType, type HostArray, type PrimParams } from "@nabla/tensor";
import { AsyncReadbackError, GpuBufferError, GpuSizeError, KernelError, ModeUnavailableError } from "../errors.js";
import type { ModeStatus } from "../modes.js";
import { planFor, planSize, type KernelPlan } from "../plan/index.js";
import { probeWebGpu } from "./navigator.js";
import {
  BufferUsage,
  MAP_READ,
  type GpuAdapterInfo,
  type GpuBuffer,
  type GpuCommandEncoder,
  type GpuComputePipeline,
  type GpuDevice,
} from "./types.js";
import { wgslKernel } from "./wgsl.js";

/** A tensor's storage on the WebGPU backend: a float32 storage buffer. */
export class WebGpuBuffer {
  constructor(
    readonly owner: WebGpuBackend,
    readonly buffer: GpuBuffer,
    readonly size: number,
  ) {}
}

export interface WebGpuBackendOptions {
  /** A device to run on; by default one is requested from the adapter found (see `probeWebGpu`). */
  device?: GpuDevice;
  powerPreference?: "low-power" | "high-performance";
  /** Kernels recorded before the queue is submitted. Default 64. */
  batch?: number;
}

const STORAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

interface Pending {
  encoder: GpuCommandEncoder;
  /** Buffers the recorded kernels use, held until submission so that none is freed first. */
  keep: unknown[];
  kernels: number;
}

/**
 * A float32 Backend on WebGPU compute shaders (WGSL generated per primitive
 * and shape, compiled once and cached). Kernels are recorded into a command
 * encoder and submitted in batches; values stay in GPU buffers and cross to
 * the host only through the asynchronous `readAsync` (WebGPU has no
 * synchronous readback), so `toHost` — and `tensor.data()` — throw
 * `AsyncReadbackError`: read with `await readTensor(t)`.
 */
export class WebGpuBackend implements Backend<WebGpuBuffer> {
  readonly name = "webgpu";
  readonly mode = "webgpu";
  /** Nothing is faster than WebGPU here. */
  readonly passedOver: readonly ModeStatus[] = [];
  private readonly pipelines = new Map<string, GpuComputePipeline>();
  private readonly tables = new WeakMap<Int32Array, GpuBuffer>();
  private readonly buffers = new FinalizationRegistry<GpuBuffer>((b) => b.destroy());
  /** Compilation and validation errors not yet reported (WebGPU reports them asynchronously). */
  private readonly errors: Promise<KernelError | null>[] = [];
  private pending: Pending | null = null;
  private disposed = false;

  private constructor(
    readonly device: GpuDevice,
    /** What the adapter says of itself, when the device was requested here. */
    readonly adapterInfo: GpuAdapterInfo | undefined,
    /** How the adapter was found. */
    readonly found: string,
    private readonly ownsDevice: boolean,
    private readonly batch: number,
  ) {}

  /** A backend on the given device, or on a device of the adapter found; ModeUnavailableError when there is none. */
  static async create({ device, powerPreference, batch = 64 }: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
    if (device) return new WebGpuBackend(device, undefined, "a device given by the caller", false, batch);
    const probe = await probeWebGpu(powerPreference);
    if (!probe.adapter) throw new ModeUnavailableError("webgpu", probe.reason);
    const { limits } = probe.adapter;
    // The defaults cap storage bindings at 128 MiB and 8 per stage whatever the hardware: ask for what the adapter has.
    const requested = await probe.adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
        maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
      },
    });
    return new WebGpuBackend(requested, probe.adapter.info, probe.reason, true, batch);
  }

  /** How many compute pipelines have been compiled (one per primitive and shape). */
  get compiledKernels(): number {
    return this.pipelines.size;
  }

  fromHost(data: ArrayLike<number>, _dtype: DType): WebGpuBuffer {
    this.live("fromHost");
    const buffer = this.createBuffer(data.length, "fromHost", true);
    new Float32Array(buffer.getMappedRange(), 0, data.length).set(data);
    buffer.unmap();
    return this.track(new WebGpuBuffer(this, buffer, data.length));
  }

  toHost(): HostArray {
    throw new AsyncReadbackError(
      "webgpu: values on the GPU can only be read asynchronously; use `await readTensor(t)` instead of t.data() or t.toArray()",
    );
  }

  /** The buffer's values, read back once the kernels recorded so far have run. */
  async readAsync(buffer: WebGpuBuffer, dtype: DType, size: number): Promise<HostArray> {
    this.own(buffer, "readAsync");
    const bytes = Math.max(4, size * 4);
    const staging = this.device.createBuffer({ size: bytes, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
    const encoder = this.encoder();
    encoder.copyBufferToBuffer(buffer.buffer, 0, staging, 0, bytes);
    this.pending!.keep.push(buffer);
    this.flush();
    await this.reportErrors();
    await staging.mapAsync(MAP_READ, 0, bytes);
    const values = new Float32Array(staging.getMappedRange(0, bytes), 0, size);
    const out = dtype === "float64" ? Float64Array.from(values) : Float32Array.from(values);
    staging.unmap();
    staging.destroy();
    return out;
  }

  run<P extends Prim>(prim: P, inputs: readonly BufferView<WebGpuBuffer>[], params: PrimParams[P], out: Aval): WebGpuBuffer {
    this.live(prim);
    inputs.forEach((x) => this.own(x.buffer, prim));
    const size = sizeOf(out.shape);
    // A concatenation of more pieces than a shader can bind is done in rounds.
    const limit = this.device.limits.maxStorageBuffersPerShaderStage - 1;
    if (prim === Prim.Concat && inputs.length > limit) return this.concatInRounds(inputs, params as PrimParams[Prim.Concat], out, limit);
    const views = inputs.map((x) => (sizeOf(x.shape) === 0 ? { ...x, buffer: this.fromHost([0], "float32") } : x));
    const plan = planFor(prim, views, params, out);
    if (plan === "alias") return inputs[0]!.buffer;
    if (size === 0) return this.track(new WebGpuBuffer(this, this.createBuffer(0, prim), 0));
    return this.runPlan(prim, plan, views, out);
  }

  /** Records a kernel plan (a primitive's, or a fused kernel's) on non-empty operands; `what` names it in errors. */
  runPlan(what: string, plan: KernelPlan, views: readonly BufferView<WebGpuBuffer>[], out: Aval): WebGpuBuffer {
    const size = planSize(plan);
    const result = this.track(new WebGpuBuffer(this, this.createBuffer(size, what), size));
    this.dispatch(what, plan, views, result, out);
    return result;
  }

  /** Submits the kernels recorded so far. */
  flush(): void {
    if (!this.pending) return;
    const { encoder } = this.pending;
    this.device.pushErrorScope("validation");
    this.device.queue.submit([encoder.finish()]);
    this.watch(this.device.popErrorScope(), "submitting kernels", "");
    this.pending = null;
  }

  /** Waits for the submitted work and reports the first kernel error WebGPU raised. */
  async synchronize(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    await this.reportErrors();
  }

  /** Frees the compiled pipelines (and the device, when it was requested here). */
  dispose(): void {
    this.flush();
    this.disposed = true;
    this.pipelines.clear();
    if (this.ownsDevice) this.device.destroy();
  }

  private dispatch(prim: string, plan: KernelPlan, views: readonly BufferView<WebGpuBuffer>[], result: WebGpuBuffer, out: Aval): void {
    let kernel;
    try {
      kernel = wgslKernel(plan, this.device.limits.maxComputeWorkgroupsPerDimension);
    } catch (cause) {
      throw new GpuSizeError(`webgpu: ${prim} for ${describe(views, out)}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    const pipeline = this.pipeline(prim, kernel.code, views, out);
    const tables = plan.kind === "map" || plan.kind === "indexAdd" ? plan.tables.map((t) => this.table(t)) : [];
    const buffers = [...views.map((v) => v.buffer.buffer), ...tables, result.buffer];
    const group = this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const pass = this.encoder().beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(...kernel.grid);
    pass.end();
    const pending = this.pending!;
    pending.keep.push(...views.map((v) => v.buffer), result, ...(plan.kind === "map" || plan.kind === "indexAdd" ? plan.tables : []));
    if (++pending.kernels >= this.batch) this.flush();
  }

  private pipeline(prim: string, code: string, views: readonly BufferView<unknown>[], out: Aval): GpuComputePipeline {
    let pipeline = this.pipelines.get(code);
    if (pipeline) return pipeline;
    this.device.pushErrorScope("validation");
    const module = this.device.createShaderModule({ code });
    pipeline = this.device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
    this.watch(this.device.popErrorScope(), `compiling the ${prim} kernel for ${describe(views, out)}`, code);
    this.pipelines.set(code, pipeline);
    return pipeline;
  }

  private watch(scope: Promise<{ message: string } | null>, where: string, code: string): void {
    this.errors.push(scope.then((e) => (e ? new KernelError(`webgpu: ${where}`, code, new Error(e.message)) : null)));
  }

  private async reportErrors(): Promise<void> {
    const found = await Promise.all(this.errors.splice(0));
    const first = found.find((e) => e !== null);
    if (first) throw first;
  }

  private encoder(): GpuCommandEncoder {
    this.pending ??= { encoder: this.device.createCommandEncoder(), keep: [], kernels: 0 };
    return this.pending.encoder;
  }

  private table(indices: Int32Array): GpuBuffer {
    let buffer = this.tables.get(indices);
    if (!buffer) {
      buffer = this.createBuffer(indices.length, "index table", true);
      new Int32Array(buffer.getMappedRange(), 0, indices.length).set(indices);
      buffer.unmap();
      this.tables.set(indices, buffer);
      this.buffers.register(indices, buffer);
    }
    return buffer;
  }

  /** A storage buffer for `size` float32 values (at least 4 bytes: WebGPU binds no empty buffer). */
  private createBuffer(size: number, where: string, mapped = false): GpuBuffer {
    const bytes = Math.max(4, size * 4);
    const max = Math.min(this.device.limits.maxStorageBufferBindingSize, this.device.limits.maxBufferSize);
    if (bytes > max) {
      throw new GpuSizeError(
        `webgpu: ${where} needs a ${bytes}-byte buffer, above this device's ${max}-byte limit for a storage binding; evaluate fewer points at a time`,
      );
    }
    return this.device.createBuffer({ size: Math.ceil(bytes / 4) * 4, usage: STORAGE, mappedAtCreation: mapped });
  }

  private concatInRounds(inputs: readonly BufferView<WebGpuBuffer>[], params: PrimParams[Prim.Concat], out: Aval, limit: number): WebGpuBuffer {
    const { axis } = params;
    const parts: BufferView<WebGpuBuffer>[] = [];
    for (let i = 0; i < inputs.length; i += limit) {
      const group = inputs.slice(i, i + limit);
      const shape = [...group[0]!.shape];
      shape[axis] = group.reduce((acc, x) => acc + x.shape[axis]!, 0);
      parts.push({ buffer: this.run(Prim.Concat, group, params, { shape, dtype: out.dtype }), shape, dtype: out.dtype });
    }
    return this.run(Prim.Concat, parts, params, out);
  }

  private track(buffer: WebGpuBuffer): WebGpuBuffer {
    this.buffers.register(buffer, buffer.buffer);
    return buffer;
  }

  private live(where: string): void {
    if (this.disposed) throw new GpuBufferError(`webgpu: ${where} after dispose(); create a new backend`);
  }

  private own(buffer: WebGpuBuffer, where: string): void {
    if (!(buffer instanceof WebGpuBuffer) || buffer.owner !== this) {
      throw new GpuBufferError(
        `webgpu: ${where} got a buffer of another backend; move tensors with tensor(await readTensor(x), x.shape, { backend })`,
      );
    }
  }
}

function describe(views: readonly BufferView<unknown>[], out: Aval): string {
  return `${views.map((v) => formatShape(v.shape)).join(" and ")} → ${formatShape(out.shape)}`;
}

/** A WebGPU backend on the adapter found here (browsers; Node where the `webgpu` package loads). */
export const webGpuBackend = (options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> => WebGpuBackend.create(options);
