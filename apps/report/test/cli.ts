import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli.js";

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, capturing its output. */
export async function runInProcess(...argv: string[]): Promise<Run> {
  let stdout = "",
    stderr = "";
  const status = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { status, stdout, stderr };
}

/** Runs the CLI as a separate process, from the sources. */
export function runProcess(...argv: string[]): Run {
  const entry = fileURLToPath(new URL("../src/main.ts", import.meta.url));
  const r = spawnSync(process.execPath, ["--conditions=@nabla/source", "--import", "tsx", entry, ...argv], { encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
