// The Meudon-scale benchmark: the architecture of the published Meudon PDR emulator
// (PolynomialNetwork of order 3 over 4 inputs → DenselyConnected 34 → 5375 outputs,
// 10 layers, exact GELU; ~7.8 M parameters) opened from its nnbma folder, in float64.
//
//   npm run build && node --import tsx tools/bench/meudon.ts [--points 10000] [--chunk 1000] [--method auto]
//
// Prints one JSON object per line: the load (read + build), then one restricted
// output's Jacobian (vmap(jacrev)) and Hessian (vmap(hessian)) over the points,
// without and with a chunkSize, and both at once (jit(vmap(secondOrder)): value,
// Jacobian and Hessian from one run of f, by its "auto" method, jitted as the
// derivative engine runs it), each timed once after a warm-up
// on 50 points (the jitted pass on its second call, the first recording its
// program: "firstCallSeconds"; "peakMB" is the first call's), as
// {"case": "meudon-…", "points", "seconds", "gflops", "peakMB"}
// (peakMB: memory.ts) and the sums of the Jacobian's and the Hessian's times.
// Each measure runs in a fresh process, so that no other's buffers are in its
// memory. When the folder is absent, prints one "skipped" line and exits 0.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { tensor, type Tensor } from "@nabla/tensor";
import { hessian, jacrev, jit, secondOrder, vmap, type HessianMethod } from "@nabla/autodiff";
import { nnbmaModel, type Model } from "@nabla/models";
import { readNnbmaDirectory } from "@nabla/models/node";
import { loadReference, meudonScaleDir, seededUniform } from "@nabla/testing";
import { caseLine, countFlops } from "./measure.js";
import { withPeakMemory } from "./memory.js";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const points = Number(option("points", "10000"));
const chunk = Number(option("chunk", "1000"));
const method = option("method", "auto") as HessianMethod;

const seconds = (t0: number): number => +((performance.now() - t0) / 1000).toPrecision(4);

function emit(record: Record<string, unknown>): void {
  console.log(JSON.stringify({ ...record, bench: "meudon-scale" }));
}

/** The model restricted to one output: the first of the reference's. */
async function oneOutput(dir: string): Promise<Model> {
  const model = nnbmaModel(await readNnbmaDirectory(dir));
  return model.restrict([loadReference("meudon-scale").outputs![0]!]);
}

/** Points on the network's own (normalized) inputs. */
const grid = (n: number): Tensor => tensor(seededUniform(2026, 4 * n, -1.5, 1.5), [n, 4]);

/** One measure, in this process. */
async function measure(kind: string, dir: string): Promise<void> {
  if (kind === "load") {
    const t0 = performance.now();
    const spec = await readNnbmaDirectory(dir);
    const read = seconds(t0);
    const t1 = performance.now();
    const model = nnbmaModel(spec);
    const build = seconds(t1);
    const held = process.memoryUsage().arrayBuffers;
    const t2 = performance.now();
    const one = model.restrict([model.outputs[0]!]);
    const restrict = seconds(t2);
    const t3 = performance.now();
    model.forward(tensor([0, 0, 0, 0]));
    const fullLayer = seconds(t3);
    emit({
      case: "meudon-load",
      seconds: +(read + build).toPrecision(4),
      readSeconds: read,
      buildSeconds: build,
      // What the loaded model holds, with the files' bytes until they are collected.
      arrayBuffersMB: Math.round(held / (1024 * 1024)),
      restrictOneOutputSeconds: restrict,
      firstFullForwardSeconds: fullLayer,
      note: "load = read + build; the full 1323 × 5375 output layer is transposed on the first unrestricted call (firstFullForwardSeconds), a restricted one at restrict",
      outputs: one.outputs,
    });
    return;
  }
  const one = await oneOutput(dir);
  const chunkSize = kind.endsWith("-chunked") ? chunk : undefined;
  const options = chunkSize === undefined ? {} : { chunkSize };
  const f = kind.startsWith("jacobian")
    ? vmap(jacrev(one.forward), options)
    : kind.startsWith("hessian")
      ? vmap(hessian(one.forward, { method }), options)
      : (
          (both) => (x: Tensor) =>
            both(x).hessian
        )(jit(vmap(secondOrder(one.forward), options)));
  f(grid(50)); // warm-up: JIT and the WebAssembly kernel
  const X = grid(points);
  const { result: first, peakMB } = withPeakMemory(() => {
    const t0 = performance.now();
    const counted = countFlops(() => f(X) as Tensor);
    return { ...counted, seconds: (performance.now() - t0) / 1000 };
  });
  // The jitted pass records its program on the first call of a shape, as the engines do once: its seconds are the next call's, which runs the program.
  const jitted = kind.startsWith("secondOrder");
  let timed = first;
  if (jitted) {
    const t0 = performance.now();
    f(X);
    timed = { ...first, seconds: (performance.now() - t0) / 1000 };
  }
  const extra = {
    bench: "meudon-scale",
    ...(chunkSize === undefined ? {} : { chunkSize }),
    ...(kind.startsWith("hessian") ? { method } : {}),
    ...(jitted ? { firstCallSeconds: +first.seconds.toPrecision(4) } : {}),
    shape: timed.result.shape,
  };
  console.log(caseLine(`meudon-${kind}`, points, { ...timed, peakMB }, extra));
}

async function main(): Promise<void> {
  const dir = meudonScaleDir();
  if (!dir) {
    emit({ skipped: "meudon-scale folder not found: set NABLA_MEUDON_SCALE or add ../shared/fixtures/nnbma/meudon-scale beside the repository" });
    return;
  }
  const child = option("measure", "");
  if (child !== "") return measure(child, dir);

  const self = fileURLToPath(import.meta.url);
  const times: Record<string, number> = {};
  for (const kind of ["load", "jacobian", "hessian", "jacobian-chunked", "hessian-chunked", "secondOrder", "secondOrder-chunked"]) {
    const run = spawnSync(
      process.execPath,
      [...process.execArgv, self, "--measure", kind, "--points", String(points), "--chunk", String(chunk), "--method", method],
      {
        encoding: "utf8",
        maxBuffer: 1 << 24,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const line = run.stdout.trim().split("\n").pop() ?? "";
    if (run.status !== 0 || line === "") {
      emit({ case: `meudon-${kind}`, failed: `exit ${run.status}` });
      continue;
    }
    console.log(line);
    times[kind] = (JSON.parse(line) as { seconds: number }).seconds;
  }
  for (const suffix of ["", "-chunked"]) {
    const [j, h] = [times[`jacobian${suffix}`], times[`hessian${suffix}`]];
    if (j !== undefined && h !== undefined) {
      emit({
        case: `meudon-jacobian+hessian${suffix}`,
        points,
        ...(suffix ? { chunkSize: chunk } : {}),
        seconds: +(j + h).toPrecision(4),
        target: "≤ 2 s (load ≤ 2 s)",
      });
    }
    const both = times[`secondOrder${suffix}`];
    if (both !== undefined) {
      emit({
        case: `meudon-jacobian+hessian${suffix} (secondOrder, one pass)`,
        points,
        ...(suffix ? { chunkSize: chunk } : {}),
        seconds: both,
        target: "≤ 2 s",
      });
    }
  }
}

await main();
