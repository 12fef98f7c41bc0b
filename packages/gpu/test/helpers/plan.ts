import type { Prim } from "@nabla/tensor";
import { planFor, type KernelPlan } from "../../src/plan/index.js";

/** The kernel plan of a primitive on inputs of the given shapes (float32 output); fails on an alias plan. */
export function plan(prim: Prim, shapes: number[][], params: object, out: number[]): KernelPlan {
  const p = planFor(
    prim,
    shapes.map((shape) => ({ shape })),
    params as never,
    { shape: out, dtype: "float32" },
  );
  if (p === "alias") throw new Error("expected a kernel");
  return p;
}
