// Both cores for batched derivatives: the seed network's 10,000-point map
// (value, Jacobian and Hessian, as the explorer and `nabla report` ask for
// them) through the in-thread engine and through the parallel engine (one
// worker thread per core), in the same run as PyTorch's forward + vmap(jacrev)
// + vmap(hessian) on the same work.
//
//   npm run build && node --import tsx tools/bench/parallel.ts [--reps 5] [--workers k]
//
// Also times, on the same points, the two ways to get value, Jacobian and
// Hessian in this thread: three maps (vmap(f), vmap(jacfwd(f)), vmap(hessian(f)))
// and one Taylor-mode pass (vmap(secondOrder(f))), which the engines use; and
// that pass again with the CPU kernels on one thread (NABLA_CPU_THREADS=1, in a
// child process), against their default of every core.
// Prints one JSON object per line.
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { tensor } from "@nabla/tensor";
import { hessian, jacfwd, secondOrder, vmap } from "@nabla/autodiff";
import { inThreadEngine, type ComputeRequest, type DerivativeEngine, type TargetRef } from "@nabla/pipeline";
import { loadModelFromDisk, nodeParallelEngine } from "@nabla/pipeline/node";
import { seededUniform, testdataPath, seedMlp } from "@nabla/testing";
import { runAnchor } from "./anchors.js";
import { best } from "./measure.js";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const reps = Number(option("reps", "5"));
const workers = Number(option("workers", String(availableParallelism())));
const N = 10000;
const points = seededUniform(42, 2 * N);
const emit = (record: Record<string, unknown>) => console.log(JSON.stringify({ bench: "parallel", points: N, ...record }));

// In this thread, the functions themselves.
const net = seedMlp();
const X = tensor(points, [N, 2]);
const threeMaps = [vmap(net), vmap(jacfwd(net)), vmap(hessian(net))];
const oneTaylorPass = vmap(secondOrder(net));
// As a child of this script: the one Taylor-mode pass only, for the parent to compare kernel thread counts.
if (process.argv.includes("--taylor-pass-only")) {
  console.log(JSON.stringify({ seconds: best(() => oneTaylorPass(X), reps) }));
  process.exit(0);
}
const three = best(() => threeMaps.map((m) => m(X)), reps);
const one = best(() => oneTaylorPass(X), reps);
emit({ case: "value+J+H three maps", seconds: +three.toPrecision(4) });
emit({ case: "value+J+H vmap(secondOrder)", seconds: +one.toPrecision(4), speedup: +(three / one).toFixed(2) });

// The same pass with the CPU kernels on one thread: a child process, the kernels' thread count being fixed at first use.
const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--taylor-pass-only", "--reps", String(reps)], {
  encoding: "utf8",
  env: { ...process.env, NABLA_CPU_THREADS: "1" },
});
const oneThread = child.status === 0 ? (JSON.parse(child.stdout.trim().split("\n").pop()!) as { seconds: number }).seconds : null;
if (oneThread === null) emit({ case: "value+J+H vmap(secondOrder), kernels on one thread", failed: child.stderr.trim().split("\n").pop() });
else
  emit({
    case: "value+J+H vmap(secondOrder), kernels on one thread",
    seconds: +oneThread.toPrecision(4),
    kernelThreadsSpeedup: +(oneThread / one).toFixed(2),
  });

// Through the engines: the seed network's nnbma folder, the explorer's default chunk size.
const target: TargetRef = { kind: "model", source: { kind: "path", path: testdataPath("nnbma/seed-net") }, physical: false };
const request: ComputeRequest = { target, points, order: 2 };

async function timeEngine(engine: DerivativeEngine): Promise<number> {
  await engine.compute(request); // warm-up: loads the model, compiles
  let min = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await engine.compute(request);
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

const inThread = inThreadEngine({ loadModel: loadModelFromDisk });
const single = await timeEngine(inThread);
emit({ case: "engine in-thread", seconds: +single.toPrecision(4) });
const parallel = nodeParallelEngine({ workers });
const both = await timeEngine(parallel);
await parallel.close();
emit({ case: `engine parallel ${workers} workers`, seconds: +both.toPrecision(4), speedup: +(single / both).toFixed(2) });

const anchor = runAnchor("pytorch_mlp_derivatives.py");
if (anchor.times) {
  const labels = ["forward 10k", "vmap(jacrev) 10k", "vmap(hessian) 10k"];
  if (labels.every((l) => anchor.times![l] !== undefined)) {
    const torch = labels.reduce((acc, l) => acc + anchor.times![l]!, 0);
    for (const [name, seconds] of [
      ["engine in-thread", single],
      [`engine parallel ${workers} workers`, both],
    ] as const) {
      emit({
        case: name,
        anchor: "PyTorch forward + vmap(jacrev) + vmap(hessian) 10k",
        seconds: +seconds.toPrecision(4),
        anchorSeconds: +torch.toPrecision(4),
        ratio: +(seconds / torch).toFixed(3),
      });
    }
  }
} else {
  emit({ anchor: "PyTorch", skipped: anchor.skipped });
}
