import { cpu, type Backend, type Tensor } from "@nabla/tensor";

// @nabla/functions (its expression parser) and @nabla/models are loaded by the target that needs them.

/** What `eval` differentiates: a point function with named inputs and outputs. */
export interface Target {
  inputs: readonly string[];
  outputs: readonly string[];
  /** One point [nIn] → [nOut]. */
  f: (x: Tensor) => Tensor;
}

/** A catalogue id or expressions "e1; e2; …" with optional input names. */
export async function functionTarget(spec: string, inputs?: string[]): Promise<Target> {
  const { resolveFunction } = await import("@nabla/functions");
  return resolveFunction(spec, inputs ? { inputs } : {});
}

export interface ModelTargetOptions {
  /** Output names or indices ("0", "3" are indices); only these are computed. */
  outputs?: string[];
  /** Differentiate with respect to the physical inputs, through the input transformer. */
  physical: boolean;
  /** Where the weights are made (default: the CPU backend, float64); any other backend gets them in float32. */
  backend?: Backend;
}

/** An nnbma network folder (or another supported model file), optionally restricted. */
export async function modelTarget(path: string, { outputs, physical, backend = cpu }: ModelTargetOptions): Promise<Target> {
  const { loadModel } = await import("@nabla/models/node");
  const full = await loadModel(path, backend === cpu ? {} : { dtype: "float32", backend });
  const model = outputs ? full.restrict(outputs.map((o) => (/^\d+$/.test(o) ? Number(o) : o))) : full;
  return { inputs: model.inputs, outputs: model.outputs, f: (x) => (physical ? model.physical(x) : model.forward(x)) };
}
