import { cpu, Prim, sizeOf, type Backend } from "@nabla/tensor";

/** Min of `reps` wall-clock runs after one warm-up, in seconds. */
export function best(fn: () => unknown, reps = 5): number {
  fn();
  let min = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

/**
 * Floating-point operations the CPU backend performs for `fn`: 2mkn per matrix
 * product, one per output element elsewhere (movement ops count nothing).
 */
export function countFlops(fn: () => unknown): number {
  let flops = 0;
  const movement = new Set<Prim>([Prim.Reshape, Prim.BroadcastTo, Prim.Transpose, Prim.Concat, Prim.Slice, Prim.Pad, Prim.Take, Prim.Cast]);
  const backend = cpu as Backend & { run: Backend["run"] };
  const run = backend.run;
  backend.run = (prim, inputs, params, out) => {
    if (prim === Prim.Matmul) flops += 2 * sizeOf(out.shape) * inputs[0]!.shape[inputs[0]!.shape.length - 1]!;
    else if (!movement.has(prim)) flops += sizeOf(out.shape);
    return run(prim, inputs, params, out);
  };
  try {
    fn();
  } finally {
    backend.run = run;
  }
  return flops;
}
