import { cpu, type Backend, type Prim, type PrimParams } from "@nabla/tensor";

/** One primitive the CPU backend ran, with its parameters and its output's shape. */
export interface KernelRun {
  readonly prim: Prim;
  readonly params: PrimParams[Prim];
  readonly shape: readonly number[];
}

/** The primitives the CPU backend runs while `run` runs, in order (for tests of what a transform computes, not only its values). */
export function cpuKernelsRun(run: () => unknown): KernelRun[] {
  const backend = cpu as Backend & { run: Backend["run"] };
  const original = backend.run;
  const seen: KernelRun[] = [];
  backend.run = (prim, inputs, params, out) => {
    seen.push({ prim, params, shape: [...out.shape] });
    return original(prim, inputs, params, out);
  };
  try {
    run();
  } finally {
    backend.run = original;
  }
  return seen;
}
