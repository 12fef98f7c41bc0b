// The browser side of tools/bench/gpu.ts: W1 on the page's modes, bundled and opened in headless Chromium.
import { createGpuBackend, describeBackend, mlpSecondOrder, modeStatuses, type GpuBackend, type Mode } from "@nabla/gpu";
import { seedGrid, seedNet, w1, w1Fused, w1Pass, type SeedWeights, type W1Result } from "./gpuW1.js";

const backends = new Map<Mode, Promise<GpuBackend>>();

const benchPage = {
  modes: async () => (await modeStatuses()).map(({ mode, available, reason }) => ({ mode, available, reason })),
  /** Best of `reps` timed runs after one warm-up; by the generic path (vmap(secondOrder)) or the fused kernels. */
  w1: async (mode: Mode, weights: SeedWeights, n: number, chunkSize: number | undefined, reps: number, fused: boolean) => {
    let backend = backends.get(mode);
    if (!backend) backends.set(mode, (backend = createGpuBackend({ mode })));
    const b = await backend;
    const run: (p: Float64Array) => Promise<W1Result> = fused
      ? (
          (f) => (p) =>
            w1Fused(f, p, b, chunkSize)
        )(mlpSecondOrder(b, weights.layers))
      : (
          (pass) => (p) =>
            w1(pass, p, b, "float32")
        )(w1Pass(seedNet(weights, b, "float32"), chunkSize));
    const points = seedGrid(n);
    await run(points);
    let seconds = Infinity,
      result: W1Result | undefined;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      result = await run(points);
      seconds = Math.min(seconds, (performance.now() - t0) / 1000);
    }
    return {
      seconds,
      summary: describeBackend(b).summary,
      value: Array.from(result!.value),
      jacobian: Array.from(result!.jacobian),
      hessian: Array.from(result!.hessian),
    };
  },
};

(globalThis as unknown as { benchPage: typeof benchPage }).benchPage = benchPage;
