/** One name that matches a search, with its index in the full list. */
export interface Match {
  readonly index: number;
  readonly name: string;
}

/**
 * The names that contain every word of `query` (case-insensitive), those
 * starting with the first word before the others, each group in list order;
 * at most `limit`. An empty query lists the first `limit` names.
 */
export function matchNames(names: readonly string[], query: string, limit = 100): Match[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return names.slice(0, limit).map((name, index) => ({ name, index }));
  const first: Match[] = [];
  const rest: Match[] = [];
  for (let index = 0; index < names.length && first.length < limit; ++index) {
    const name = names[index]!;
    const lower = name.toLowerCase();
    if (!words.every((w) => lower.includes(w))) continue;
    (lower.startsWith(words[0]!) ? first : rest).push({ name, index });
  }
  return [...first, ...rest].slice(0, limit);
}
