import { readFile } from "node:fs/promises";
import { InputError } from "./errors.js";

/**
 * Reads evaluation points: `{"points": [[...], ...]}` (other keys ignored) or a
 * bare array of arrays, each of `width` finite numbers.
 */
export async function readPoints(path: string, width: number): Promise<number[][]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new InputError(`${path}: cannot read the points file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const points = Array.isArray(json) ? json : (json as { points?: unknown })?.points;
  if (!Array.isArray(points)) throw new InputError(`${path}: expected {"points": [[...], ...]} or an array of arrays`);
  if (points.length === 0) throw new InputError(`${path}: no points`);
  points.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== width) {
      throw new InputError(
        `${path}: point ${i} has ${Array.isArray(p) ? `${p.length} coordinates` : `type ${typeof p}`}, expected ${width} (one per input)`,
      );
    }
    p.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new InputError(`${path}: point ${i}, coordinate ${j} is ${JSON.stringify(v)}, expected a finite number`);
    });
  });
  return points as number[][];
}
