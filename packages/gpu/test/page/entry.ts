// The code of the page-level test: bundled for the browser, run in headless
// Chromium, driven from test/page.spec.ts through `window.nablaPage`.
import { tensor } from "@nabla/tensor";
import {
  AsyncReadbackError,
  createGpuBackend,
  describeBackend,
  gpuJsBackend,
  mlpSecondOrder,
  modeStatuses,
  readTensor,
  webGpuBackend,
  type GpuBackend,
} from "../../src/index.js";
import { operands, primitiveCases } from "../helpers/cases.js";
import type { SeedWeights } from "../helpers/seedNet.js";
import { w1 } from "../helpers/w1.js";

export type PageMode = "webgpu" | "webgl2" | "webgl";

const backends = new Map<PageMode, Promise<GpuBackend>>();
const backendFor = (mode: PageMode): Promise<GpuBackend> => {
  let b = backends.get(mode);
  if (!b) backends.set(mode, (b = mode === "webgpu" ? webGpuBackend() : Promise.resolve(gpuJsBackend({ mode }))));
  return b;
};

const page = {
  /** Whether each mode runs in this page, and why not. */
  modes: async () => (await modeStatuses()).map(({ mode, available, reason }) => ({ mode, available, reason })),
  /** What automatic selection picks here. */
  auto: async () => describeBackend(await createGpuBackend()).summary,
  /** Every primitive case on one mode, as plain arrays (or the error's message). */
  primitives: async (mode: PageMode) => {
    const backend = await backendFor(mode);
    const out: (number[] | string)[] = [];
    for (const [index, c] of primitiveCases.entries()) {
      try {
        out.push(Array.from(await readTensor(c.op(...operands(c, index, backend, "float32")))));
      } catch (e) {
        out.push(`${(e as Error).name}: ${(e as Error).message}`);
      }
    }
    return out;
  },
  /** W1 (value, Jacobian, Hessian of the seed network) at the given points on one mode. */
  w1: async (mode: PageMode, weights: SeedWeights, points: number[]) => {
    const backend = await backendFor(mode);
    const t0 = performance.now();
    const r = await w1(weights, points, backend, "float32");
    return {
      value: Array.from(r.value),
      jacobian: Array.from(r.jacobian),
      hessian: Array.from(r.hessian),
      ms: performance.now() - t0,
      summary: describeBackend(backend).summary,
      kernels: backend.compiledKernels,
    };
  },
  /** W1 by the fused dense-layer kernels. */
  w1Fused: async (mode: PageMode, weights: SeedWeights, points: number[]) => {
    const backend = await backendFor(mode);
    const r = mlpSecondOrder(backend, weights.layers)(tensor(points, [points.length / 2, 2], { backend, dtype: "float32" }));
    const [value, jacobian, hessian] = await Promise.all([readTensor(r.value), readTensor(r.jacobian), readTensor(r.hessian)]);
    return { value: Array.from(value!), jacobian: Array.from(jacobian!), hessian: Array.from(hessian!) };
  },
  /** What t.data() does on WebGPU. */
  syncRead: async () => {
    const backend = await backendFor("webgpu");
    try {
      tensor([1, 2], [2], { backend, dtype: "float32" }).data();
      return "no error";
    } catch (e) {
      return e instanceof AsyncReadbackError ? `AsyncReadbackError: ${e.message}` : String(e);
    }
  },
};

export type NablaPage = typeof page;
(globalThis as unknown as { nablaPage: NablaPage }).nablaPage = page;
