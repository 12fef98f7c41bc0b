import gpujs from "gpu.js";
import type { IGPUKernelSettings, IKernelRunShortcut, Texture } from "gpu.js";
import { formatShape, sizeOf, type Aval, type Backend, type BufferView, type DType, type HostArray, type Prim, type PrimParams } from "@nabla/tensor";
import { GpuBufferError, GpuOptionError, GpuSizeError, KernelError, ModeUnavailableError } from "../errors.js";
import { gpujsModes, gpujsModeStatus, type GpuJsMode, type ModeStatus } from "../modes.js";
import { planFor, planSize, type KernelPlan } from "../plan/index.js";
import { gpujsSource, longestLoop } from "./source.js";

/** Indices in gpu.js kernels are float32 (GLSL ES 1.00 and its webasm mode): exact below 2^24. */
export const GPUJS_MAX_ELEMENTS = 2 ** 24;

type Value = Float32Array | Texture;

/** A tensor's storage on a gpu.js backend: a typed array, or a texture kept on the GPU between kernels. */
export class GpuJsBuffer {
  constructor(
    readonly owner: GpuJsBackend,
    readonly value: Value,
    readonly size: number,
  ) {}
}

export interface GpuJsBackendOptions {
  /** A gpu.js mode, or "gpu" for gpu.js's own choice (headlessgl → webgl2 → webgl → webasm). Default "gpu". */
  mode?: GpuJsMode | "gpu";
  /** Faster modes already found unavailable (by `createGpuBackend`), reported with those passed over here. */
  considered?: readonly ModeStatus[];
}

const isTexture = (v: Value): v is Texture => !(v instanceof Float32Array);

/**
 * A float32 Backend whose kernels are gpu.js kernels: one per primitive and
 * shape, generated as source, compiled on first use and cached. Kernels run
 * in pipeline mode, so on the GL modes results stay in textures between
 * kernels and cross to the host only in `toHost`.
 */
export class GpuJsBackend implements Backend<GpuJsBuffer> {
  readonly name: string;
  /** The mode gpu.js runs kernels in. */
  readonly mode: GpuJsMode;
  /** Modes faster than `mode` that were passed over, with the reason. */
  readonly passedOver: readonly ModeStatus[];
  /** Kernels that gpu.js moved to its cpu mode, with the reason it gave. */
  readonly fallbacks: string[] = [];
  private readonly gpu: InstanceType<typeof gpujs.GPU>;
  private readonly kernels = new Map<string, IKernelRunShortcut>();
  private readonly tables = new WeakMap<Int32Array, Float32Array>();
  private readonly textures = new FinalizationRegistry<Texture>((t) => t.delete());
  private disposed = false;

  constructor({ mode = "gpu", considered = [] }: GpuJsBackendOptions = {}) {
    if (mode !== "gpu" && !(gpujsModes as readonly string[]).includes(mode)) {
      throw new GpuOptionError(`gpuJsBackend: unknown mode "${mode}"; expected "gpu" or one of ${gpujsModes.join(", ")}`);
    }
    const statuses = gpujsModes.map(gpujsModeStatus);
    if (mode === "gpu") {
      const chosen = statuses.find((s) => s.available)!;
      this.mode = chosen.mode as GpuJsMode;
      this.passedOver = [...considered, ...statuses.slice(0, statuses.indexOf(chosen))];
    } else {
      const status = statuses.find((s) => s.mode === mode)!;
      if (!status.available) throw new ModeUnavailableError(mode, status.reason);
      this.mode = mode;
      this.passedOver = [...considered];
    }
    this.gpu = new gpujs.GPU({ mode: this.mode });
    this.name = `gpu.js/${this.mode}`;
  }

  /** How many kernels have been compiled (one per primitive, shape and argument kind). */
  get compiledKernels(): number {
    return this.kernels.size;
  }

  fromHost(data: ArrayLike<number>, _dtype: DType): GpuJsBuffer {
    this.checkSize("fromHost", data.length);
    return new GpuJsBuffer(this, Float32Array.from(data), data.length);
  }

  toHost(buffer: GpuJsBuffer, dtype: DType, size: number): HostArray {
    this.own(buffer, "toHost");
    const values = isTexture(buffer.value) ? flatten(buffer.value.toArray(), size) : buffer.value;
    return dtype === "float64" ? Float64Array.from(values.subarray(0, size)) : Float32Array.from(values.subarray(0, size));
  }

  /** The same values as `toHost`, for code written against every backend (see `readTensor`). */
  readAsync(buffer: GpuJsBuffer, dtype: DType, size: number): Promise<HostArray> {
    return Promise.resolve(this.toHost(buffer, dtype, size));
  }

  run<P extends Prim>(prim: P, inputs: readonly BufferView<GpuJsBuffer>[], params: PrimParams[P], out: Aval): GpuJsBuffer {
    inputs.forEach((x) => this.own(x.buffer, prim));
    const size = sizeOf(out.shape);
    if (size === 0) return new GpuJsBuffer(this, new Float32Array(0), 0);
    this.checkSize(prim, size);
    // Empty operands (a piece of a concatenation, a padded empty tensor) are never read: any one-element buffer stands in.
    const views = inputs.map((x) => (sizeOf(x.shape) === 0 ? { ...x, buffer: this.fromHost([0], "float32") } : x));
    const plan = planFor(prim, views, params, out);
    return plan === "alias" ? inputs[0]!.buffer : this.runPlan(prim, plan, views, out);
  }

  /** Runs a kernel plan (a primitive's, or a fused kernel's) on non-empty operands; `what` names it in errors. */
  runPlan(what: string, plan: KernelPlan, views: readonly BufferView<GpuJsBuffer>[], out: Aval): GpuJsBuffer {
    const size = planSize(plan);
    this.checkSize(what, size);
    const args: Value[] = [...views.map((x) => x.buffer.value), ...this.tablesOf(plan)];
    const { kernel, fresh } = this.kernelFor(what, plan, args, views, out);
    let result: unknown;
    try {
      result = kernel(...(args as any[]));
    } catch (cause) {
      throw new KernelError(`${this.name}: running the ${what} kernel for ${describe(views, out)}`, gpujsSource(plan), cause);
    }
    if (fresh) this.noteFallback(what, kernel);
    return this.wrap(result, size, what);
  }

  /** Frees the compiled kernels and the GL context; buffers of this backend cannot be used after. */
  dispose(): void {
    this.disposed = true;
    this.kernels.clear();
    void this.gpu.destroy();
  }

  /** gpu.js may run a kernel its mode cannot take in its cpu mode instead; such kernels are listed in `fallbacks`. */
  private noteFallback(prim: string, kernel: IKernelRunShortcut): void {
    const ran = (kernel as unknown as { kernel?: { constructor?: { mode?: string } } }).kernel?.constructor?.mode;
    if (ran !== undefined && ran !== this.mode) {
      const reason = (kernel as unknown as { fallbackReason?: string }).fallbackReason;
      this.fallbacks.push(`${prim}: ran in ${ran}${reason ? ` (${reason})` : ""}`);
    }
  }

  private kernelFor(
    prim: string,
    plan: KernelPlan,
    args: readonly Value[],
    views: readonly BufferView<GpuJsBuffer>[],
    out: Aval,
  ): { kernel: IKernelRunShortcut; fresh: boolean } {
    const source = gpujsSource(plan);
    // The output size, and gpu.js's typing of a kernel by its arguments on the first call: one kernel per source, output size, argument kind and length.
    const key = `${source}\n${planSize(plan)}:${args.map((a, k) => (isTexture(a) ? "T" : "A") + (k < views.length ? sizeOf(views[k]!.shape) : (a as Float32Array).length)).join(",")}`;
    let kernel = this.kernels.get(key);
    if (kernel) return { kernel, fresh: false };
    try {
      // loopMaxIterations is a documented setting that gpu.js's typings leave out.
      const settings = {
        output: [planSize(plan)],
        pipeline: true,
        immutable: true,
        precision: "single",
        tactic: "precision",
        loopMaxIterations: longestLoop(plan),
      } satisfies IGPUKernelSettings & { loopMaxIterations: number };
      kernel = this.gpu.createKernel(source, settings);
    } catch (cause) {
      throw new KernelError(`${this.name}: compiling the ${prim} kernel for ${describe(views, out)}`, source, cause);
    }
    this.kernels.set(key, kernel);
    return { kernel, fresh: true };
  }

  private wrap(result: unknown, size: number, prim: string): GpuJsBuffer {
    if (result instanceof Float32Array) return new GpuJsBuffer(this, result, size);
    if (result !== null && typeof result === "object" && "toArray" in result && "delete" in result) {
      const buffer = new GpuJsBuffer(this, result as Texture, size);
      this.textures.register(buffer, result as Texture);
      return buffer;
    }
    // A kernel that gpu.js moved to its cpu mode returns plain arrays.
    if (Array.isArray(result)) return new GpuJsBuffer(this, Float32Array.from(result as number[]), size);
    throw new KernelError(
      `${this.name}: the ${prim} kernel`,
      "",
      new TypeError(`returned ${Object.prototype.toString.call(result)}, expected a Float32Array or a texture`),
    );
  }

  private tablesOf(plan: KernelPlan): Float32Array[] {
    const tables = plan.kind === "map" || plan.kind === "indexAdd" ? plan.tables : [];
    return tables.map((t) => {
      let f = this.tables.get(t);
      if (!f) this.tables.set(t, (f = Float32Array.from(t.length === 0 ? [0] : t)));
      return f;
    });
  }

  private checkSize(where: string, size: number): void {
    if (this.mode !== "cpu" && size > GPUJS_MAX_ELEMENTS) {
      throw new GpuSizeError(
        `${this.name}: ${where} needs ${size} elements, above the ${GPUJS_MAX_ELEMENTS} that gpu.js's ${this.mode} mode addresses exactly (its indices are float32); evaluate fewer points at a time`,
      );
    }
  }

  private own(buffer: GpuJsBuffer, where: string): void {
    if (!(buffer instanceof GpuJsBuffer) || buffer.owner !== this) {
      throw new GpuBufferError(`${this.name}: ${where} got a buffer of another backend; move tensors with tensor(x.data(), x.shape, { backend })`);
    }
    if (this.disposed) throw new GpuBufferError(`${this.name}: ${where} after dispose(); create a new backend`);
  }
}

function describe(views: readonly BufferView<unknown>[], out: Aval): string {
  return `${views.map((v) => formatShape(v.shape)).join(" and ")} → ${formatShape(out.shape)}`;
}

/** A texture's values as one flat array (gpu.js returns rows for 2-d outputs). */
function flatten(values: unknown, size: number): Float32Array {
  if (values instanceof Float32Array) return values;
  const out = new Float32Array(size);
  let at = 0;
  const walk = (v: unknown): void => {
    if (typeof v === "number") out[at++] = v;
    else Array.prototype.forEach.call(v as ArrayLike<unknown>, (x: unknown) => at < size && walk(x));
  };
  walk(values);
  return out;
}

/** A gpu.js backend in the given mode (default: gpu.js's fastest available). Synchronous. */
export const gpuJsBackend = (options: GpuJsBackendOptions = {}): GpuJsBackend => new GpuJsBackend(options);
