/** Evaluates planned ONNX nodes with tensor operations. */
import type { Tensor } from "@nabla/tensor";
import { count } from "@nabla/tensor";
import { ModelLoadError, OnnxGraphError } from "../errors.js";
import { HostTensor } from "./constant.js";
import type { OpContext } from "./handler.js";
import type { GraphPlan, PlannedNode } from "./plan.js";

/** A constant's float64 tensor (made once per constant: plans and restricted plans share it). */
export const constantTensor = (value: HostTensor): Tensor => value.tensor;

/**
 * Runs `node` on the values in `env` (name → tensor), adding its outputs there. `constants`
 * holds the values known at load time (for inputs such as Reshape's shape). Returns the
 * handler's result when it is a constant (a Constant node). Errors name the node and the file.
 */
export function evaluateNode(
  node: PlannedNode,
  env: Map<string, Tensor>,
  constants: ReadonlyMap<string, HostTensor>,
  file: string,
): HostTensor | undefined {
  const fail = (message: string): never => {
    throw new OnnxGraphError(file, `${file}: ${node.where}: ${message}`, node.where);
  };
  const name = (i: number): string | undefined => {
    const n = node.inputs[i];
    return n === undefined || n === "" ? undefined : n;
  };
  const ctx: OpContext = {
    where: node.where,
    file,
    attributes: node.attributes,
    inputCount: node.inputs.length,
    optionalInput: (i) => {
      const n = name(i);
      return n === undefined ? undefined : (env.get(n) ?? fail(`its input "${n}" has no value.`));
    },
    input: (i) => ctx.optionalInput(i) ?? fail(`input ${i} is missing; the operator needs it.`),
    constant: (i) => {
      const n = name(i);
      return n === undefined ? undefined : constants.get(n);
    },
    fail,
  };
  let result;
  try {
    result = node.handler(ctx);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new OnnxGraphError(file, `${file}: ${node.where}: ${(error as Error).message}`, node.where, { cause: error });
  }
  if (result instanceof HostTensor) {
    env.set(node.outputs[0]!, constantTensor(result));
    return result;
  }
  const outputs = Array.isArray(result) ? (result as readonly Tensor[]) : [result as Tensor];
  if (outputs.length < node.outputs.filter((o) => o !== "").length) {
    fail(`lists ${count(node.outputs.length, "output")} but the operator gives ${outputs.length}.`);
  }
  node.outputs.forEach((o, i) => {
    if (o !== "") env.set(o, outputs[i]!);
  });
  return undefined;
}

/**
 * The graph's outputs for the input `x` (shaped as the graph input). `constantTensors`
 * holds the plan's constants as tensors, made once.
 */
export function runGraph(plan: GraphPlan, x: Tensor, constantTensors: ReadonlyMap<string, Tensor>): Tensor[] {
  const env = new Map(constantTensors);
  env.set(plan.input.name, x);
  for (const node of plan.nodes) evaluateNode(node, env, plan.constants, plan.file);
  return plan.outputs.map((o) => env.get(o.name)!);
}
