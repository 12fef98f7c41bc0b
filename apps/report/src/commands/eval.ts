import { writeFile } from "node:fs/promises";
import { cpu, type Backend } from "@nabla/tensor";
import { derivativesAt, type Order } from "../derivatives.js";
import { parseBackend } from "../backendOption.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { readPoints } from "../points.js";
import { functionTarget, modelTarget, type Target } from "../target.js";

export const evalHelp = `nabla eval (--model DIR|FILE | --function ID|"EXPR1; EXPR2; …") --points POINTS.json
           [--order 0|1|2] [--outputs a,b|0,3] [--physical] [--inputs x1,x2,…] [--backend cpu|gpu] [--out OUT.json]

Writes the value, Jacobian and Hessian at every point, in float64, as JSON:
{"inputs": [...], "outputs": [...], "value": [N][out], "jacobian": [N][out][in], "hessian": [N][out][in][in]}
(jacobian for order ≥ 1, hessian for order 2, the default) to OUT.json, or to stdout.
With --backend gpu the values are computed in float32 (see @nabla/gpu for the accuracy).

  --model DIR|FILE   an nnbma network folder
  --function SPEC    a catalogue id (see \`nabla functions\`) or expressions separated by ';'
  --points FILE      {"points": [[...], ...]} or an array of arrays, one coordinate per input
  --order N          0: value; 1: and the Jacobian; 2: and the Hessian (default 2)
  --outputs LIST     model outputs by name or index; only these are computed
  --physical         model: derivatives with respect to the physical inputs (through its input transformer)
  --inputs LIST      function: the input names of the expressions (default x1, x2, …)
  --backend NAME     cpu: the float64 CPU backend (the default); gpu: @nabla/gpu in float32 — weights, points
                     and every derivative on it, in the fastest mode that reads synchronously (named on stderr)
  --out FILE         where to write (default: stdout)`;

export interface EvalOptions {
  model?: string;
  function?: string;
  points?: string;
  order?: string;
  outputs?: string;
  physical?: boolean;
  inputs?: string;
  backend?: string;
  out?: string;
}

const list = (value: string | undefined): string[] | undefined =>
  value
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

function parseOrder(value: string | undefined): Order {
  if (value === undefined) return 2;
  if (value === "0" || value === "1" || value === "2") return Number(value) as Order;
  throw new UsageError(`--order must be 0, 1 or 2, got "${value}"`);
}

/** The backend named by --backend; the gpu one says on stderr which mode it runs in. */
async function openBackend(value: string | undefined, io: Io): Promise<Backend> {
  if ((parseBackend(value) ?? "cpu") === "cpu") return cpu;
  const { createGpuBackend, describeBackend } = await import("@nabla/gpu");
  const backend = await createGpuBackend({ synchronousReads: true });
  io.stderr.write(`eval: gpu backend ${describeBackend(backend).summary}\n`);
  return backend;
}

async function openTarget(options: EvalOptions, backend: Backend): Promise<Target> {
  if ((options.model === undefined) === (options.function === undefined)) {
    throw new UsageError("give exactly one of --model DIR|FILE and --function ID|EXPRESSIONS");
  }
  if (options.function !== undefined) {
    if (options.outputs !== undefined || options.physical) throw new UsageError("--outputs and --physical apply to --model only");
    return functionTarget(options.function, list(options.inputs));
  }
  if (options.inputs !== undefined) throw new UsageError("--inputs applies to --function only (a model names its own inputs)");
  return modelTarget(options.model!, { outputs: list(options.outputs), physical: options.physical ?? false, backend });
}

export async function evalCommand(options: EvalOptions, io: Io): Promise<void> {
  const order = parseOrder(options.order);
  if (options.points === undefined) throw new UsageError("--points POINTS.json is required");
  const backend = await openBackend(options.backend, io);
  const target = await openTarget(options, backend);
  const points = await readPoints(options.points, target.inputs.length);
  const progress =
    io.stderr.isTTY && points.length > 4096 ? (done: number, total: number) => io.stderr.write(`\reval: ${done}/${total} points`) : undefined;
  const result = derivativesAt(target.f, points, order, progress, backend);
  if (progress) io.stderr.write("\n");
  const json = JSON.stringify({ inputs: target.inputs, outputs: target.outputs, ...result });
  if (options.out === undefined) io.stdout.write(json + "\n");
  else await writeFile(options.out, json + "\n");
}
