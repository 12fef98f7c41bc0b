// The gpu benchmark: W1 — value, Jacobian and Hessian of the seed network
// [2, 100, 100, 3] (exact GELU) by second-order Taylor mode — on a 100×100 map
// (10,000 points) and a 500×500 map (250,000 points), on every mode of
// @nabla/gpu available, against the float64 CPU backend in the same run.
// Cases: "W1", the pass interpreted on every call; "W1 jit", the same pass
// jitted, as the derivative engines run it (the CPU float64 backend too);
// "W1 fused", @nabla/gpu's fused dense-layer kernels.
// Prints one JSON object per line:
//   {"case": "W1", "points", "backend", "mode", "seconds", "vsCpu", "valueError", "jacobianError", "hessianError", "device"?}
// where vsCpu is the CPU float64 backend's time over this one (above 1: faster),
// and the errors are @nabla/gpu's scaled error against the CPU float64 results
// (README of packages/gpu). Modes that run only in a browser (webgpu, webgl2,
// webgl) run in headless Chromium when /usr/bin/chromium exists; there WebGPU
// and WebGL run on the CPU through SwiftShader, so those times say nothing of a GPU.
//
//   node --conditions=@nabla/source --import tsx tools/bench/gpu.ts [--points 10000,250000] [--modes webasm,cpu,...]
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createGpuBackend, describeBackend, mlpSecondOrder, modeStatuses, scaledError, type Mode } from "@nabla/gpu";
import { cpu } from "@nabla/tensor";
import type { OpenPage } from "../../packages/gpu/test/page/chromium.js";
import { jit } from "@nabla/autodiff";
import { seedGrid, seedNet, w1, w1Fused, w1Pass, type SeedWeights, type W1Result } from "./gpuW1.js";

const args = new Map<string, string>();
for (let i = 2; i + 1 < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1]!);
const sizes = (args.get("points") ?? "10000,250000").split(",").map(Number);
const only = args.get("modes")?.split(",");
const want = (mode: string) => only === undefined || only.includes(mode);

const weights = JSON.parse(readFileSync(new URL("../../testdata/reference/seed-net.weights.json", import.meta.url), "utf8")) as SeedWeights;
/** Points per vmap chunk on the large map: bounds every intermediate to 7.5 M values (gpu.js indexes 2^24 at most). */
const CHUNK = 25_000;
const print = (o: object) => console.log(JSON.stringify(o));
const round = (x: number) => +x.toPrecision(3);

function errors(got: Pick<W1Result, "value" | "jacobian" | "hessian">, ref: W1Result, n: number) {
  return {
    valueError: round(scaledError(got.value, ref.value, [n, 3]).max),
    jacobianError: round(scaledError(got.jacobian, ref.jacobian, [n, 3, 2]).max),
    hessianError: round(scaledError(got.hessian, ref.hessian, [n, 3, 2, 2]).max),
  };
}

/** Best of `reps` after a warm-up (on one chunk for the large map, which compiles the same kernels). */
async function time(
  run: (points: Float64Array) => Promise<W1Result>,
  points: Float64Array,
  reps: number,
): Promise<{ seconds: number; result: W1Result }> {
  await run(points.length / 2 > CHUNK ? points.subarray(0, 2 * CHUNK) : points);
  let seconds = Infinity,
    result!: W1Result;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    result = await run(points);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, result };
}

const statuses = await modeStatuses();
for (const s of statuses) if (!s.available) print({ mode: s.mode, available: false, reason: s.reason });
const nodeModes = statuses.filter((s) => s.available && want(s.mode)).map((s) => s.mode);
const browserModes = (["webgpu", "webgl2", "webgl"] as Mode[]).filter((m) => want(m) && !nodeModes.includes(m));
let browser: OpenPage | undefined;
if (browserModes.length > 0) {
  // Loaded only when needed: a Node-only run (a GPU machine's Dawn) needs no browser driver.
  const { chromiumMissing, openPage } = await import("../../packages/gpu/test/page/chromium.js");
  const page = fileURLToPath(new URL("./gpuPage.ts", import.meta.url));
  const missing = existsSync(page) ? chromiumMissing() : `no page sources beside this script (${page}): a bundled run has Node's modes only`;
  if (missing) print({ browser: "skipped", reason: missing });
  else browser = await openPage(page, "benchPage");
}

try {
  for (const points of sizes) {
    const n = Math.round(Math.sqrt(points));
    const grid = seedGrid(n);
    const N = n * n;
    const chunk = N > CHUNK ? CHUNK : undefined;
    const large = N > CHUNK;
    const refPass = w1Pass(seedNet(weights, cpu, "float64"), chunk);
    const ref = await time((p) => w1(refPass, p, cpu, "float64"), grid, large ? 1 : 3);
    print({ case: "W1", points: N, backend: "cpu", mode: "cpu float64 (reference)", seconds: round(ref.seconds) });
    const refJit = jit(refPass);
    const cpuJit = await time((p) => w1(refJit, p, cpu, "float64"), grid, large ? 1 : 3);
    print({
      case: "W1 jit",
      points: N,
      backend: "cpu",
      mode: "cpu float64",
      seconds: round(cpuJit.seconds),
      vsCpu: round(ref.seconds / cpuJit.seconds),
    });
    for (const mode of nodeModes) {
      const backend = await createGpuBackend({ mode });
      const d = describeBackend(backend);
      const pass = w1Pass(seedNet(weights, backend, "float32"), chunk);
      const jitted = jit(pass);
      const fused = mlpSecondOrder(backend, weights.layers);
      const cases: [string, (p: Float64Array) => Promise<W1Result>][] = [
        ["W1", (p) => w1(pass, p, backend, "float32")],
        ["W1 jit", (p) => w1(jitted, p, backend, "float32")],
        ["W1 fused", (p) => w1Fused(fused, p, backend, chunk)],
      ];
      for (const [name, run] of cases) {
        const { seconds, result } = await time(run, grid, large || mode === "cpu" ? 1 : 3);
        print({
          case: name,
          points: N,
          backend: backend.name,
          mode,
          seconds: round(seconds),
          vsCpu: round(ref.seconds / seconds),
          ...errors(result, ref.result, N),
          ...(d.device ? { device: d.device } : {}),
        });
      }
      backend.dispose();
    }
    for (const mode of browser ? browserModes : []) {
      // SwiftShader runs the large map for many minutes: the browser modes time the 100×100 map only.
      if (large) {
        print({ case: "W1", points: N, mode, skipped: "browser modes run on SwiftShader (the CPU) here; time them on the 10,000-point map" });
        continue;
      }
      for (const fused of [false, true]) {
        const r = await browser!.call<{ seconds: number; summary: string } & W1Result>("w1", mode, weights, n, chunk, 2, fused);
        print({
          case: fused ? "W1 fused" : "W1",
          points: N,
          backend: `chromium ${mode}`,
          mode,
          seconds: round(r.seconds),
          vsCpu: round(ref.seconds / r.seconds),
          ...errors(r, ref.result, N),
          device: r.summary,
        });
      }
    }
  }
} finally {
  await browser?.close();
}
// Dawn's Node binding keeps polling after its devices are destroyed, so Node would never end by itself.
process.exit(0);
