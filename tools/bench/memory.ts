// The peak memory of one call: how far the bytes held by ArrayBuffers — every
// tensor's buffer, garbage not yet collected included, and WebAssembly
// memories — rose above their amount at the start of the call, sampled after
// every primitive the CPU backend runs. Resident memory would not do: freed
// buffers stay resident in the allocator, so a case after a bigger one shows
// no growth at all.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { observeCpuRuns } from "./cpuRuns.js";

const MiB = 1024 * 1024;

// Collections before each call, so that what earlier work left behind neither
// counts in the baseline nor is freed during the call: two, because V8 frees
// the buffers a collection finds dead while it sweeps concurrently, and the
// next collection first finishes that sweep. `gc` exists only under
// --expose-gc, which a flag set at run time grants to new contexts.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Runs `fn` and gives its peak memory (above), in MiB. */
export function withPeakMemory<T>(fn: () => T): { result: T; peakMB: number } {
  collectGarbage();
  collectGarbage();
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const result = observeCpuRuns(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, fn);
  return { result, peakMB: +((peak - before) / MiB).toPrecision(3) };
}
