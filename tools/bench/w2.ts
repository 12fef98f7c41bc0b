// The W2 benchmark: the workload of nnbma's own derivative-timing notebook —
// FullyConnected [5, 1000, 1000, 25] with ELU, 100 points, float64 — against
// PyTorch's torch.func measured in the same run (pytorch_w2_wide_elu.py).
//
//   npm run build && node --import tsx tools/bench/w2.ts [--reps 3] [--revrev]
//
// Reverse-over-reverse (minutes here) runs only with --revrev. Each case is
// timed as measure.ts's measureCase says: min of up to --reps runs, as many as
// fit in about 10 s.
// The weights are seeded uniform in ±1/√fan_in (PyTorch's Linear default), the
// points uniform in [0, 1) like the anchor's torch.rand; the anchor draws its
// own weights with the same law, which is what the timing depends on.
// Prints one JSON object per line: our cases, then the ratios ours/PyTorch.
import { add, elu, matmul, tensor, type Tensor } from "@nabla/tensor";
import { hessian, jacfwd, jacrev, vmap, type HessianMethod } from "@nabla/autodiff";
import { seededUniform } from "@nabla/testing";
import { pathToFileURL } from "node:url";
import { runAnchor } from "./anchors.js";
import { caseLine, measureCase } from "./measure.js";
import { caseKey, printRatios, type Pair } from "./ratios.js";

export const W2_SIZES = [5, 1000, 1000, 25] as const;
export const W2_POINTS = 100;

/** FullyConnected [5, 1000, 1000, 25] with ELU between layers, seeded weights, float64. */
export function w2Network(seed = 7): (x: Tensor) => Tensor {
  const params = W2_SIZES.slice(1).map((out, i) => {
    const fanIn = W2_SIZES[i]!;
    const bound = 1 / Math.sqrt(fanIn);
    return {
      wT: tensor(seededUniform(seed + 2 * i, fanIn * out, -bound, bound), [fanIn, out]),
      b: tensor(seededUniform(seed + 2 * i + 1, out, -bound, bound), [out]),
    };
  });
  return (x) =>
    params.reduce((h, { wT, b }, i) => {
      const z = add(matmul(h, wT), b);
      return i < params.length - 1 ? elu(z) : z;
    }, x);
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

/** Runs W2: prints our cases, then the anchor's ratios when PyTorch is installed. */
export function benchW2(reps = 3, revrev = false): void {
  const net = w2Network();
  const X = tensor(seededUniform(42, W2_SIZES[0] * W2_POINTS, 0, 1), [W2_POINTS, W2_SIZES[0]]);
  const hessians: [string, HessianMethod][] = (["auto", "taylor", "taylorrev", "fwdfwd", "fwdrev", ...(revrev ? (["revrev"] as const) : [])] as const).map((m) => [
    m === "auto" ? "vmap(hessian)" : `vmap(hessian ${m})`,
    m,
  ]);
  const cases: [string, (x: Tensor) => unknown][] = [
    ["forward", net],
    ["vmap(jacfwd)", vmap(jacfwd(net))],
    ["vmap(jacrev)", vmap(jacrev(net))],
    ...hessians.map(([name, method]): [string, (x: Tensor) => unknown] => [name, vmap(hessian(net, { method }))]),
  ];

  const ours = new Map<string, { seconds: number }>();
  for (const [name, fn] of cases) {
    const m = measureCase(() => fn(X), { reps });
    ours.set(caseKey(name, W2_POINTS), m);
    console.log(caseLine(name, W2_POINTS, m, { bench: "w2" }));
  }

  const anchor = runAnchor("pytorch_w2_wide_elu.py");
  if (!anchor.times) {
    console.log(JSON.stringify({ bench: "w2", anchor: "PyTorch", skipped: anchor.skipped }));
    return;
  }
  const torch = anchor.times;
  // PyTorch's fastest Hessian composition, whichever it is on this run.
  const fastest = ["hessian", "jacfwd(jacfwd)", "jacfwd(jacrev)"].filter((l) => torch[l] !== undefined).sort((a, b) => torch[a]! - torch[b]!)[0];
  // Our case → the anchor's label for the same work.
  const pairs: [string, string | undefined][] = [
    ["forward", "forward"],
    ["vmap(jacfwd)", "jacfwd"],
    ["vmap(jacrev)", "jacrev"],
    ["vmap(hessian)", fastest],
    ["vmap(hessian)", "hessian"],
    ["vmap(hessian taylor)", fastest],
    ["vmap(hessian taylorrev)", fastest],
    ["vmap(hessian fwdfwd)", "jacfwd(jacfwd)"],
    ["vmap(hessian fwdrev)", "jacfwd(jacrev)"],
    ["vmap(hessian revrev)", "hessian"],
  ];
  const named = pairs.flatMap(([mine, theirs]): Pair[] => (theirs === undefined ? [] : [{ case: mine, points: W2_POINTS, anchor: theirs }]));
  printRatios("PyTorch", named, ours, torch, { bench: "w2" });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  benchW2(Number(option("reps", "3")), process.argv.includes("--revrev"));
