/** Resolving a `restrict` selection (output names or indices) against a model's outputs. */
import { count } from "@nabla/tensor";
import { OutputSelectionError } from "./errors.js";

/** Edit distance (insertions, deletions, substitutions) between two strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The `count` names closest to `name` by edit distance, nearest first (ties in list order). */
export function closestNames(name: string, names: readonly string[], count = 5): string[] {
  return names
    .map((candidate, i) => ({ candidate, i, d: editDistance(name, candidate) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, count)
    .map((c) => c.candidate);
}

/**
 * The indices of `selection` in `names`: each entry is an output name or an integer index
 * (negative counts from the end). Repeats are kept, in the order given. `location` (the
 * model's file) names the model in errors. An unknown name is reported with every output
 * when there are few, else with the closest few (a network may have thousands).
 */
export function resolveOutputs(selection: readonly (string | number)[], names: readonly string[], location: string): number[] {
  if (selection.length === 0) {
    throw new OutputSelectionError(
      location,
      undefined,
      `${location}: restrict was given no output; expected names or indices among ${count(names.length, "output")}.`,
    );
  }
  const byName = new Map<string, number>();
  names.forEach((name, i) => {
    if (!byName.has(name)) byName.set(name, i);
  });
  return selection.map((entry) => {
    if (typeof entry === "number") {
      const index = entry < 0 ? entry + names.length : entry;
      if (!Number.isInteger(entry) || index < 0 || index >= names.length) {
        throw new OutputSelectionError(
          location,
          entry,
          `${location}: output index ${entry} is out of range; expected an integer in [0, ${names.length - 1}] (or negative from the end).`,
        );
      }
      return index;
    }
    const index = byName.get(entry);
    if (index === undefined) {
      const listed =
        names.length > 12
          ? `the closest of its ${names.length} outputs are ${closestNames(String(entry), names).join(", ")}`
          : `expected one of ${names.join(", ")}`;
      throw new OutputSelectionError(location, entry, `${location}: no output is named "${entry}"; ${listed}, or an index.`);
    }
    return index;
  });
}
