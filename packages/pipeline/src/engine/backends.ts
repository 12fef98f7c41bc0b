import type { GpuBackend, GpuBackendOptions } from "@nabla/gpu";
import type { LoadOptions } from "@nabla/models";
import { cpu, type Backend, type HostArray, type Tensor } from "@nabla/tensor";
import { BackendUnavailableError } from "../errors.js";
import type { BackendName } from "../params/params.js";
import type { ComputedOn } from "./engine.js";

/** Where a computation runs: the backend its tensors live on, and how models and results get there and back. */
export interface ComputeBackend {
  readonly name: BackendName;
  readonly backend: Backend;
  /** The dtype of the points made on it. */
  readonly dtype: "float64" | "float32";
  /** How a model's weights are made for it (`loadModel`'s options). */
  readonly loadOptions: LoadOptions;
  /** A tensor's values: synchronously on the CPU; through `readTensor` on the gpu backend, which also reads WebGPU. */
  readonly read: (t: Tensor) => HostArray | Promise<HostArray>;
  readonly computedOn: ComputedOn;
}

/** The float64 CPU backend: the reference. */
export const cpuCompute: ComputeBackend = {
  name: "cpu",
  backend: cpu,
  dtype: "float64",
  loadOptions: {},
  read: (t) => t.data(),
  computedOn: { backend: "cpu", name: cpu.name, precision: "float64", summary: "cpu, float64 (the reference)" },
};

/** The backends of one engine (one thread): each made on first use, then kept. */
export interface Backends {
  get(name: BackendName): Promise<ComputeBackend>;
  /** Frees the gpu backend, if one was made. */
  dispose(): Promise<void>;
}

/** The gpu backend as an engine keeps it: freed when the engine closes. */
interface GpuCompute extends ComputeBackend {
  readonly backend: GpuBackend;
}

/** @nabla/gpu, imported only when asked for, so that a CPU computation never loads gpu.js. */
const importGpu = () => import("@nabla/gpu");

const reason = (cause: unknown): string => (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));

/** @nabla/gpu's backend in its fastest mode here (`createGpuBackend(options)`), or why there is none. */
async function createGpu(options: GpuBackendOptions): Promise<GpuCompute> {
  let gpu: Awaited<ReturnType<typeof importGpu>>;
  try {
    gpu = await importGpu();
  } catch (cause) {
    throw new BackendUnavailableError("gpu", `@nabla/gpu could not be loaded (${reason(cause)})`, { cause });
  }
  let backend: GpuBackend;
  try {
    backend = await gpu.createGpuBackend(options);
  } catch (cause) {
    throw new BackendUnavailableError("gpu", `no mode of @nabla/gpu could start (${reason(cause)})`, { cause });
  }
  const described = gpu.describeBackend(backend);
  return {
    name: "gpu",
    backend,
    dtype: "float32",
    loadOptions: { backend, dtype: "float32" },
    read: gpu.readTensor,
    computedOn: {
      backend: "gpu",
      name: described.name,
      precision: "float32",
      ...(described.device ? { device: described.device } : {}),
      summary: described.summary,
    },
  };
}

/** The backends of an engine; `gpu` chooses the gpu backend's mode (default: the fastest available). */
export function createBackends(gpu: GpuBackendOptions = {}): Backends {
  let made: Promise<GpuCompute> | undefined;
  return {
    get(name) {
      if (name === "cpu") return Promise.resolve(cpuCompute);
      if (made === undefined) {
        const creating = createGpu(gpu);
        made = creating;
        // A backend that could not start is not kept: the next request tries again.
        creating.catch(() => made === creating && (made = undefined));
      }
      return made;
    },
    async dispose() {
      const gpu = await made?.catch(() => undefined);
      made = undefined;
      gpu?.backend.dispose();
    },
  };
}
