// The derivative benchmark: the seed's MLP [2,100,100,3] with exact GELU, in
// float64, against PyTorch's torch.func measured in the same run.
// Prints one JSON object per line.
import { tensor, type Tensor } from "@nabla/tensor";
import { hessian, jacfwd, jacrev, vmap } from "@nabla/autodiff";
import { seededUniform, seedMlp } from "@nabla/testing";
import { runAnchor } from "./anchors.js";
import { best, countFlops } from "./measure.js";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchW2 } from "./w2.js";

const net = seedMlp();
const points = (n: number): Tensor => tensor(seededUniform(42, 2 * n), [n, 2]);

const cases: [string, (x: Tensor) => unknown][] = [
  ["forward", net],
  ["vmap(jacrev)", vmap(jacrev(net))],
  ["vmap(jacfwd)", vmap(jacfwd(net))],
  ["vmap(hessian)", vmap(hessian(net))],
];

const ours = new Map<string, number>();
for (const n of [10000, 100]) {
  const X = points(n);
  for (const [name, fn] of cases) {
    const seconds = best(() => fn(X));
    const flops = countFlops(() => fn(X));
    ours.set(`${name} ${n}`, seconds);
    console.log(JSON.stringify({ case: name, points: n, seconds: +seconds.toPrecision(4), gflops: +(flops / seconds / 1e9).toFixed(3) }));
  }
}

const anchor = runAnchor("pytorch_mlp_derivatives.py");
if (anchor.times) {
  // Our case → the anchor's label for the same work.
  const pairs: [string, string][] = [
    ["forward 10000", "forward 10k"],
    ["vmap(jacrev) 10000", "vmap(jacrev) 10k"],
    ["vmap(hessian) 10000", "vmap(hessian) 10k"],
    ["vmap(hessian) 100", "vmap(hessian) 100"],
  ];
  for (const [mine, theirs] of pairs) {
    const torch = anchor.times[theirs];
    if (torch === undefined) continue;
    const seconds = ours.get(mine)!;
    console.log(
      JSON.stringify({
        case: mine,
        anchor: `PyTorch ${theirs}`,
        seconds: +seconds.toPrecision(4),
        anchorSeconds: torch,
        ratio: +(seconds / torch).toFixed(3),
      }),
    );
  }
} else {
  console.log(JSON.stringify({ anchor: "PyTorch", skipped: anchor.skipped }));
}

// W2, the wide ELU network of nnbma's timing notebook (minutes; --skip-w2 leaves it out).
if (!process.argv.includes("--skip-w2")) benchW2();

// The gpu backends on W1 (minutes; --skip-gpu leaves them out), in their own process:
// the gpu benchmark parses its own arguments and drives Chromium.
if (!process.argv.includes("--skip-gpu")) {
  spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL("./gpu.ts", import.meta.url))], { stdio: "inherit" });
}
