import { cpu, type Backend } from "@nabla/tensor";

type Run = Backend["run"];

/**
 * Runs `fn` with `observe` called after every primitive the CPU backend runs
 * (with the primitive, its inputs, params and output), then restores the backend.
 */
export function observeCpuRuns<T>(observe: (...args: Parameters<Run>) => void, fn: () => T): T {
  const backend = cpu as Backend & { run: Run };
  const run = backend.run;
  backend.run = (prim, inputs, params, out) => {
    const buffer = run(prim, inputs, params, out);
    observe(prim, inputs, params, out);
    return buffer;
  };
  try {
    return fn();
  } finally {
    backend.run = run;
  }
}
