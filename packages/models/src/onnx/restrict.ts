/**
 * Restricting an ONNX graph to some of its outputs by computing only the selected rows of its
 * last linear layer, as nnbma's `restrict_to_output_subset` does, when the graph ends in one:
 * `Gemm(h, W, b)`, `MatMul(h, W)` or `Add(MatMul(h, W), b)` with constant `W` and `b`.
 */
import { HostTensor } from "./constant.js";
import type { GraphPlan, PlannedNode } from "./plan.js";

export interface RestrictedPlan {
  readonly plan: GraphPlan;
  /** The nodes whose weights were cut, for summaries (`node "fc3" (Gemm)`). */
  readonly layer: string;
}

/** `value` with only the entries `indices` along `axis` (negative from the end). */
function takeAlong(value: HostTensor, axis: number, indices: readonly number[]): HostTensor {
  const rank = value.dims.length;
  const a = axis < 0 ? axis + rank : axis;
  const outer = value.dims.slice(0, a).reduce((x, y) => x * y, 1);
  const inner = value.dims.slice(a + 1).reduce((x, y) => x * y, 1);
  const n = value.dims[a]!;
  const out = new Float64Array(outer * indices.length * inner);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    for (const k of indices) {
      const from = (o * n + k) * inner;
      out.set(value.values.subarray(from, from + inner), at);
      at += inner;
    }
  }
  const dims = [...value.dims];
  dims[a] = indices.length;
  return new HostTensor(dims, out, value.dataType);
}

/**
 * A bias restricted along its last axis when it has one entry per output (`width` of them);
 * a bias that broadcasts (one entry, or no such axis) is kept.
 */
function restrictBias(bias: HostTensor, width: number, indices: readonly number[]): HostTensor {
  const last = bias.dims[bias.dims.length - 1];
  return last === width && width > 1 ? takeAlong(bias, -1, indices) : bias;
}

/**
 * The plan computing only outputs `indices` (of the single graph output's `width` columns,
 * along its last axis) from the last linear layer's selected rows, or undefined when the
 * graph does not end in a linear layer with constant weights that nothing else reads.
 */
export function restrictPlan(plan: GraphPlan, width: number, indices: readonly number[]): RestrictedPlan | undefined {
  if (plan.outputs.length !== 1) return undefined;
  const producerOf = new Map<string, PlannedNode>();
  const readers = new Map<string, number>();
  for (const node of plan.nodes) {
    for (const o of node.outputs) producerOf.set(o, node);
    for (const i of node.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);
  }
  const constant = (name: string | undefined): HostTensor | undefined => (name === undefined ? undefined : plan.constants.get(name));
  const last = producerOf.get(plan.outputs[0]!.name);
  if (last === undefined || readers.has(plan.outputs[0]!.name)) return undefined;

  let layer = last.where;
  const replaced = new Map<PlannedNode, PlannedNode>();
  const constants = new Map(plan.constants);
  const substitute = (node: PlannedNode, position: number, value: HostTensor): void => {
    const current = replaced.get(node) ?? node;
    const name = `${current.inputs[position]}/restricted`;
    constants.set(name, value);
    replaced.set(node, { ...current, inputs: current.inputs.map((n, i) => (i === position ? name : n)) });
  };

  /** Restricts a MatMul's constant 2-D right operand to the selected columns; false if it is not one. */
  const restrictMatMul = (node: PlannedNode): boolean => {
    const w = constant(node.inputs[1]);
    if (node.opType !== "MatMul" || w === undefined || w.dims.length !== 2 || w.dims[1] !== width) return false;
    substitute(node, 1, takeAlong(w, 1, indices));
    return true;
  };

  if (last.opType === "Gemm") {
    const w = constant(last.inputs[1]);
    if (w === undefined || w.dims.length !== 2) return undefined;
    const transB = last.attributes.int("transB", 0) !== 0;
    if (w.dims[transB ? 0 : 1] !== width) return undefined;
    const bias = last.inputs[2] !== undefined && last.inputs[2] !== "" ? constant(last.inputs[2]) : undefined;
    if (last.inputs[2] !== undefined && last.inputs[2] !== "" && bias === undefined) return undefined;
    substitute(last, 1, takeAlong(w, transB ? 0 : 1, indices));
    if (bias !== undefined) substitute(last, 2, restrictBias(bias, width, indices));
  } else if (last.opType === "MatMul") {
    if (!restrictMatMul(last)) return undefined;
  } else if (last.opType === "Add") {
    const side = [0, 1].find((i) => constant(last.inputs[i]) !== undefined);
    if (side === undefined) return undefined;
    const matmul = producerOf.get(last.inputs[1 - side]!);
    if (matmul === undefined || readers.get(matmul.outputs[0]!) !== 1 || !restrictMatMul(matmul)) return undefined;
    substitute(last, side, restrictBias(constant(last.inputs[side])!, width, indices));
    layer = `${matmul.where} and ${last.where}`;
  } else {
    return undefined;
  }
  const nodes = plan.nodes.map((node) => replaced.get(node) ?? node);
  return { plan: { ...plan, nodes, constants }, layer };
}
