import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository's `testdata/` folder. */
export const TESTDATA = fileURLToPath(new URL("../../../../testdata/", import.meta.url));

/** A network folder of `testdata/nnbma/`. */
export function nnbmaFolder(name: string): string {
  return `${TESTDATA}nnbma/${name}`;
}

/** A JSON of `testdata/reference/`. */
export function referenceFile(name: string): string {
  return `${TESTDATA}reference/${name}`;
}

/**
 * The large Meudon-scale folder, kept outside the repository: `NABLA_MEUDON_SCALE`, else
 * `../shared/fixtures/nnbma/meudon-scale` beside the repository root. Undefined when absent.
 */
export function meudonScaleFolder(): string | undefined {
  const candidates = [
    process.env["NABLA_MEUDON_SCALE"],
    fileURLToPath(new URL("../../../../../shared/fixtures/nnbma/meudon-scale", import.meta.url)),
  ];
  return candidates.find((dir): dir is string => dir !== undefined && dir !== "" && existsSync(`${dir}/init.pkl`));
}
