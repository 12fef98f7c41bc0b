import { UsageError } from "../errors.js";

/** Which part of a batch this run takes: every `count`-th configuration, starting at `index` (0-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses "i/n" with 0 ≤ i < n (a Slurm array's `$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new UsageError(`--shard must be i/n with 0 ≤ i < n (every n-th configuration, starting at the i-th, counted from 0), got "${text}"`);
  }
  return { index, count };
}

/** Whether the configuration at `position` (0-based) of the batch belongs to the shard. */
export const inShard = (position: number, shard: Shard): boolean => position % shard.count === shard.index;

/** Parses --jobs: how many reports run at once, each computing in its own worker thread. */
export function parseJobs(text: string | undefined): number {
  if (text === undefined) return 1;
  const jobs = Number(text);
  if (!/^\d+$/.test(text.trim()) || jobs < 1) throw new UsageError(`--jobs must be an integer ≥ 1, got "${text}"`);
  return jobs;
}
