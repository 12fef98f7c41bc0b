/** What an operator handler sees of its node, and what it returns. */
import type { Tensor } from "@nabla/tensor";
import type { NodeAttributes } from "./attributes.js";
import type { HostTensor } from "./constant.js";

export interface OpContext {
  /** `node "name" (OpType)`, for messages. */
  readonly where: string;
  /** The model file, for messages. */
  readonly file: string;
  readonly attributes: NodeAttributes;
  /** How many inputs the node lists (absent optional inputs included, as ""). */
  readonly inputCount: number;
  /** Input `i` as a float64 tensor; an error when the node does not give it. */
  input(i: number): Tensor;
  /** Input `i`, or undefined when the node leaves it out. */
  optionalInput(i: number): Tensor | undefined;
  /** Input `i`'s values when they are known at load time (an initializer, a Constant, or folded from them). */
  constant(i: number): HostTensor | undefined;
  /** Throws an `OnnxGraphError` naming the node and the file. */
  fail(message: string): never;
}

/** A handler's result: one tensor, a constant (Constant), or one tensor per node output. */
export type OpResult = Tensor | HostTensor | readonly Tensor[];

/** Computes one ONNX node from tensor operations. The handler's export name is the operator it implements. */
export type OpHandler = (ctx: OpContext) => OpResult;
