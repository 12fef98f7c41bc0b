// Where the time of one transform goes, per primitive of the CPU backend: the
// seed network's vmap(hessian) on 10,000 points (or --case jacrev|jacfwd|forward),
// interpreted on every call or, with --jit, run from its recorded program.
//
//   npm run build && node --import tsx tools/bench/profile.ts [--case hessian] [--points 10000] [--repeat 5] [--jit]
//
// Runs it --repeat times (5) after a warm-up and prints the fastest run: one JSON
// object per primitive and output size class, the costliest first:
// {"prim", "calls", "seconds", "share", "elements"}, then the wall-clock total.
import { cpu, sizeOf, tensor, type Backend, type Tensor } from "@nabla/tensor";
import { hessian, jacfwd, jacrev, jit, vmap } from "@nabla/autodiff";
import { seededUniform, seedMlp } from "@nabla/testing";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const net = seedMlp();
const n = Number(option("points", "10000"));
const which = option("case", "hessian");
const transforms: Record<string, (x: Tensor) => unknown> = {
  hessian: vmap(hessian(net)),
  jacrev: vmap(jacrev(net)),
  jacfwd: vmap(jacfwd(net)),
  forward: net,
};
const jitted = process.argv.includes("--jit");
const fn = jitted ? jit(transforms[which]! as (x: Tensor) => Tensor) : transforms[which]!;
const X = tensor(seededUniform(42, 2 * n), [n, 2]);
fn(X); // warm-up

type Stats = Map<string, { calls: number; seconds: number; elements: number }>;
let stats: Stats = new Map();
const backend = cpu as Backend & { run: Backend["run"] };
const run = backend.run;
backend.run = (prim, inputs, params, out) => {
  const t0 = performance.now();
  const result = run(prim, inputs, params, out);
  const seconds = (performance.now() - t0) / 1000;
  const key = `${prim} ${inputs.map((i) => `[${i.shape.join(",")}]`).join(" ")}`;
  const s = stats.get(key) ?? { calls: 0, seconds: 0, elements: 0 };
  s.calls++;
  s.seconds += seconds;
  s.elements += sizeOf(out.shape);
  stats.set(key, s);
  return result;
};
let total = Infinity;
let fastest: Stats = stats;
for (let r = 0; r < Number(option("repeat", "5")); r++) {
  stats = new Map();
  const t0 = performance.now();
  fn(X);
  const seconds = (performance.now() - t0) / 1000;
  if (seconds < total) [total, fastest] = [seconds, stats];
}
backend.run = run;
stats = fastest;
const inKernels = [...stats.values()].reduce((acc, s) => acc + s.seconds, 0);
for (const [key, s] of [...stats].sort((a, b) => b[1].seconds - a[1].seconds).slice(0, 25)) {
  console.log(
    JSON.stringify({ prim: key, calls: s.calls, seconds: +s.seconds.toPrecision(3), share: +(s.seconds / total).toFixed(3), elements: s.elements }),
  );
}
console.log(
  JSON.stringify({
    case: jitted ? `jit(vmap(${which}))` : `vmap(${which})`,
    points: n,
    seconds: +total.toPrecision(4),
    inKernels: +inKernels.toPrecision(4),
    outsideKernels: +(total - inKernels).toPrecision(4),
  }),
);
