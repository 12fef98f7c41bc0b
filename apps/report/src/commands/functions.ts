import { catalogue } from "@nabla/functions";
import type { Io } from "../io.js";

export const functionsHelp = `nabla functions [--json]

Lists the analytic-function catalogue: id, title, inputs with their default
ranges, outputs, and the LaTeX of each mapping.`;

export function functionsCommand(json: boolean, io: Io): void {
  const entries = catalogue.map((fn) => ({
    id: fn.id,
    title: fn.title,
    inputs: fn.inputs.map((name, i) => ({ name, range: fn.ranges[i], default: fn.defaults[i] })),
    outputs: fn.outputs,
    latex: fn.latex,
  }));
  if (json) {
    io.stdout.write(JSON.stringify(entries, null, 2) + "\n");
    return;
  }
  for (const e of entries) {
    io.stdout.write(`${e.id} — ${e.title}\n`);
    io.stdout.write(`  inputs:  ${e.inputs.map((i) => `${i.name} ∈ [${i.range}] (default ${i.default})`).join(", ")}\n`);
    io.stdout.write(`  outputs: ${e.outputs.join(", ")}\n`);
    io.stdout.write(`  latex:   ${e.latex}\n\n`);
  }
}
