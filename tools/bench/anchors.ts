import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Debian's interpreter: the one that sees Debian's python3-torch (a pyenv or virtualenv python does not). */
const PYTHON = "/usr/bin/python3";

/** The PyTorch anchor scripts, beside the repository when present. */
const ANCHORS = fileURLToPath(new URL("../../../shared/anchors/", import.meta.url));

export interface AnchorTimes {
  /** Case label as the script prints it → min seconds. */
  [label: string]: number;
}

/**
 * Runs a PyTorch anchor script and reads its "label (min, median)" lines.
 * Returns undefined, with the reason, when torch or the script is missing.
 */
export function runAnchor(script: string): { times?: AnchorTimes; skipped?: string } {
  const path = process.env["NABLA_ANCHORS"] ? `${process.env["NABLA_ANCHORS"]}/${script}` : ANCHORS + script;
  if (!existsSync(path)) return { skipped: `anchor script ${script} not found (set NABLA_ANCHORS to its folder)` };
  if (!existsSync(PYTHON) || spawnSync(PYTHON, ["-c", "import torch"]).status !== 0) {
    return { skipped: "PyTorch is not installed (apt-get install python3-torch)" };
  }
  const run = spawnSync(PYTHON, [path], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) return { skipped: `${script} failed: ${run.stderr.trim().split("\n").pop()}` };
  const times: AnchorTimes = {};
  for (const line of run.stdout.split("\n")) {
    const m = /^(.+?) \(([\d.e-]+), ([\d.e-]+)\)$/.exec(line.trim());
    if (m) times[m[1]!] = Number(m[2]);
  }
  return { times };
}
