import type { AnchorTimes } from "./anchors.js";

/** One of our cases and the anchor's label for the same work. */
export interface Pair {
  case: string;
  points: number;
  anchor: string;
}

/** The key of one of our cases in a map of timings. */
export const caseKey = (name: string, points: number): string => `${name} ${points}`;

/**
 * Prints, for each pair both sides measured, {"case", "points", "anchor",
 * "seconds", "anchorSeconds", "ratio"} then `extra`: ratio is our time over the
 * anchor's (below 1: ours is faster). `ours` is keyed by caseKey.
 */
export function printRatios(
  anchor: string,
  pairs: readonly Pair[],
  ours: ReadonlyMap<string, { seconds: number }>,
  theirs: AnchorTimes,
  extra: object = {},
): void {
  for (const pair of pairs) {
    const seconds = ours.get(caseKey(pair.case, pair.points))?.seconds;
    const anchorSeconds = theirs[pair.anchor];
    if (seconds === undefined || anchorSeconds === undefined) continue;
    console.log(
      JSON.stringify({
        case: pair.case,
        points: pair.points,
        anchor: `${anchor} ${pair.anchor}`,
        seconds: +seconds.toPrecision(4),
        anchorSeconds: +anchorSeconds.toPrecision(4),
        ratio: +(seconds / anchorSeconds).toFixed(3),
        ...extra,
      }),
    );
  }
}
