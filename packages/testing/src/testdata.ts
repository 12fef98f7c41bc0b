import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository's test data folder. */
export const testdataDir = fileURLToPath(new URL("../../../testdata/", import.meta.url));

export const testdataPath = (relative: string): string => testdataDir + relative;

/** A float64 reference computed by PyTorch (see testdata/README.md). */
export interface Reference {
  name: string;
  points: number[][];
  value: number[][];
  jacobian: number[][][];
  hessian: number[][][][];
  outputs?: string[];
}

export const loadReference = (name: string): Reference => JSON.parse(readFileSync(testdataPath(`reference/${name}.json`), "utf8")) as Reference;

export const loadJson = <T>(relative: string): T => JSON.parse(readFileSync(testdataPath(relative), "utf8")) as T;

/**
 * The Meudon-scale network folder, too large to ship: from NABLA_MEUDON_SCALE,
 * else beside the repository. Undefined when absent; callers skip by name.
 */
export function meudonScaleDir(): string | undefined {
  const candidates = [process.env["NABLA_MEUDON_SCALE"], fileURLToPath(new URL("../../../../shared/fixtures/nnbma/meudon-scale", import.meta.url))];
  return candidates.find((dir): dir is string => dir !== undefined && dir !== "" && existsSync(`${dir}/init.pkl`));
}

/** Deterministic uniform numbers in [lo, hi) (mulberry32), so failures reproduce. */
export function seededUniform(seed: number, count: number, lo = -1, hi = 1): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: count }, () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  });
}
