// npm run bench: the seed network's derivatives — the 100-point profile and
// W1 (10,000 points) through every transform, our defaults, float32 — with the
// anchors measured in the same run where installed (PyTorch, jax-js, TF.js),
// then both cores through the engines, Meudon-scale, W2 and the gpu backends
// (--skip-parallel, --skip-meudon, --skip-w2 and --skip-gpu leave them out).
// Prints one JSON object per line; README.md beside this file says what each
// line holds.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { seedWeights } from "@nabla/testing";
import { runAnchor } from "./anchors.js";
import { checkProfileAgainstPyTorch } from "./crossCheck.js";
import { benchFloat32 } from "./float32.js";
import { jaxJs } from "./jaxjs.js";
import { benchJsAnchor } from "./jsAnchor.js";
import { printRatios, type Pair } from "./ratios.js";
import { tfjs } from "./tfjs.js";
import { benchW1, PROFILE_POINTS, W1_POINTS } from "./w1.js";
import { benchW2 } from "./w2.js";

/** Our case → pytorch_mlp_derivatives.py's label for the same work (its hessian is jacfwd(jacrev)). */
const PYTORCH_PAIRS: Pair[] = [
  { case: "forward", points: W1_POINTS, anchor: "forward 10k" },
  { case: "vmap(jacrev)", points: W1_POINTS, anchor: "vmap(jacrev) 10k" },
  { case: "w1-jacobian", points: W1_POINTS, anchor: "vmap(jacrev) 10k" },
  { case: "vmap(hessian)", points: W1_POINTS, anchor: "vmap(hessian) 10k" },
  { case: "w1-hessian", points: W1_POINTS, anchor: "vmap(hessian) 10k" },
  { case: "vmap(hessian fwdrev)", points: W1_POINTS, anchor: "vmap(hessian) 10k" },
  { case: "vmap(hessian revrev)", points: W1_POINTS, anchor: "vmap(jacrev(jacrev)) 10k" },
  { case: "vmap(hessian)", points: PROFILE_POINTS, anchor: "vmap(hessian) 100" },
  { case: "vmap(hessian fwdrev)", points: PROFILE_POINTS, anchor: "vmap(hessian) 100" },
];

const skip = (part: string): boolean => process.argv.includes(`--skip-${part}`);

/** Runs a benchmark script of this folder in its own process, its lines going to ours. */
function runScript(file: string): void {
  spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL(file, import.meta.url))], { stdio: "inherit" });
}

const measures = benchW1();
benchFloat32(measures);
checkProfileAgainstPyTorch(measures);

const pytorch = runAnchor("pytorch_mlp_derivatives.py");
if (pytorch.times) printRatios("PyTorch", PYTORCH_PAIRS, measures, pytorch.times);
else console.log(JSON.stringify({ anchor: "PyTorch", skipped: pytorch.skipped }));

const weights = seedWeights();
await benchJsAnchor("jax-js", () => jaxJs(weights), measures);
await benchJsAnchor("TF.js", () => tfjs(weights), measures);

// Both cores: the explorer's and nabla report's request through the engines, in worker threads.
if (!skip("parallel")) runScript("./parallel.ts");
// Meudon-scale: one process per measure, for their memory (minutes).
if (!skip("meudon")) runScript("./meudon.ts");
// W2, the wide ELU network of nnbma's timing notebook (minutes).
if (!skip("w2")) benchW2();
// The gpu backends on W1 (minutes), in their own process: it parses its own arguments and drives Chromium.
if (!skip("gpu")) runScript("./gpu.ts");
