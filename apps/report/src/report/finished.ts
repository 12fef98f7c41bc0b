import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ReportConfig } from "./config.js";

/** The file a report writes last: its presence, with the same configuration, means the report is done. */
export const MARKER = "report.json";

export interface Marker {
  readonly config: ReportConfig;
  readonly finished: string;
  readonly seconds: number;
  readonly files: readonly string[];
}

/** Whether `dir` holds a finished report of this very configuration. */
export async function isFinished(dir: string, config: ReportConfig): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(dir, MARKER), "utf8")) as Marker;
    return JSON.stringify(marker.config) === JSON.stringify(config);
  } catch {
    return false;
  }
}

/** Writes the marker atomically (a rename), after everything else. */
export async function markFinished(dir: string, marker: Marker): Promise<void> {
  const temporary = join(dir, `.${MARKER}.${process.pid}.tmp`);
  await writeFile(temporary, JSON.stringify(marker, null, 2) + "\n");
  await rename(temporary, join(dir, MARKER));
}
