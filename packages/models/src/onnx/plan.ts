/**
 * Turns a decoded ONNX graph into a plan: its one input, its outputs, the constants known at
 * load time (initializers, Constant nodes and what folds from them) and the remaining nodes
 * in topological order, each with its handler.
 */
import type { Tensor } from "@nabla/tensor";
import { OnnxGraphError, UnsupportedOnnxOpError } from "../errors.js";
import { NodeAttributes } from "./attributes.js";
import { HostTensor, readTensorProto } from "./constant.js";
import type { OpHandler } from "./handler.js";
import { constantTensor, evaluateNode } from "./interpret.js";
import { ONNX_OPS, supportedOnnxOps } from "./ops/index.js";
import type { OnnxModelProto, OnnxNodeProto, OnnxValueInfoProto } from "./schema.js";

/** A node ready to run: its handler found, its attributes indexed. */
export interface PlannedNode {
  /** `node "name" (OpType)`, for messages. */
  readonly where: string;
  readonly opType: string;
  /** Value names; "" marks an absent optional input. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly handler: OpHandler;
  readonly attributes: NodeAttributes;
}

/** A graph input or output: its name and declared dims (a number, a symbolic name, or undefined). */
export interface GraphValue {
  readonly name: string;
  readonly dims: readonly (number | string | undefined)[] | undefined;
}

export interface GraphPlan {
  readonly file: string;
  readonly input: GraphValue;
  readonly outputs: readonly GraphValue[];
  readonly constants: ReadonlyMap<string, HostTensor>;
  /** The nodes left after folding constants, in an order where each value is made before it is used. */
  readonly nodes: readonly PlannedNode[];
  /** How many nodes the file holds, by operator (for summaries). */
  readonly opCounts: ReadonlyMap<string, number>;
  /** The default domain's opset version, when the file declares it. */
  readonly opset: number | undefined;
}

const DEFAULT_DOMAINS = new Set(["", "ai.onnx"]);

/** A node's name, or `#index` (its place in the file) when it has none. */
const nodeLabel = (node: OnnxNodeProto, index: number): string => (node.name !== "" ? node.name : `#${index}`);

function graphValue(info: OnnxValueInfoProto): GraphValue {
  const shape = info.type?.tensorType?.shape;
  return {
    name: info.name,
    dims: shape?.dim.map((d) => (d.dimParam !== "" ? d.dimParam : d.dimValue > 0 ? d.dimValue : undefined)),
  };
}

/** Plans the graph of `model` (see the module comment). Errors name the node, the value and `file`. */
export function planGraph(model: OnnxModelProto, file: string): GraphPlan {
  const graph = model.graph!;
  const fail = (message: string, node?: string): never => {
    throw new OnnxGraphError(file, `${file}: ${message}`, node);
  };

  const constants = new Map<string, HostTensor>();
  for (const init of graph.initializer) {
    if (constants.has(init.name)) fail(`the initializer "${init.name}" is defined twice.`);
    constants.set(init.name, readTensorProto(init, `initializer "${init.name}"`, file));
  }

  const inputs = graph.input.filter((i) => !constants.has(i.name));
  if (inputs.length !== 1) {
    fail(
      inputs.length === 0
        ? "the graph has no input (every declared input is an initializer); expected one input tensor."
        : `the graph has ${inputs.length} inputs (${inputs.map((i) => `"${i.name}"`).join(", ")}); expected exactly one input tensor, [batch, n] or [n].`,
    );
  }
  const input = graphValue(inputs[0]!);
  if (graph.output.length === 0) fail("the graph declares no output.");
  const outputs = graph.output.map(graphValue);

  const opCounts = new Map<string, number>();
  const planned = graph.node.map((node, index): PlannedNode => {
    const opType = DEFAULT_DOMAINS.has(node.domain) ? node.opType : `${node.domain}.${node.opType}`;
    const where = `node "${nodeLabel(node, index)}" (${opType})`;
    opCounts.set(opType, (opCounts.get(opType) ?? 0) + 1);
    const handler = opType === node.opType ? ONNX_OPS.get(opType) : undefined;
    if (handler === undefined) throw new UnsupportedOnnxOpError(file, opType, nodeLabel(node, index), supportedOnnxOps());
    if (node.output.length === 0) fail(`${where} has no output.`, where);
    return { where, opType, inputs: node.input, outputs: node.output, handler, attributes: new NodeAttributes(node.attribute, where, file) };
  });

  const nodes = topologicalOrder(planned, new Set([input.name, ...constants.keys()]), fail);

  // Fold what depends on constants alone (Constant nodes, shape arithmetic).
  const env = new Map<string, Tensor>([...constants].map(([name, value]) => [name, constantTensor(value)]));
  const kept: PlannedNode[] = [];
  for (const node of nodes) {
    if (!node.inputs.every((name) => name === "" || constants.has(name))) {
      kept.push(node);
      continue;
    }
    const made = evaluateNode(node, env, constants, file);
    node.outputs.forEach((name, i) => {
      if (name === "") return;
      const value = i === 0 && made !== undefined ? made : env.get(name)!;
      constants.set(name, value instanceof HostTensor ? value : new HostTensor(value.shape, Float64Array.from(value.data()), "DOUBLE"));
    });
  }

  const produced = new Set([input.name, ...constants.keys(), ...kept.flatMap((n) => n.outputs)]);
  for (const o of outputs) if (!produced.has(o.name)) fail(`the graph output "${o.name}" is not produced by any node.`);

  const opset = model.opsetImport.find((o) => DEFAULT_DOMAINS.has(o.domain))?.version;
  return { file, input, outputs, constants, nodes: kept, opCounts, opset };
}

/**
 * Orders the nodes so that each value is made before it is used (Kahn's algorithm, keeping
 * the file's order among ready nodes). `available` holds the values given from the start.
 */
function topologicalOrder(
  nodes: readonly PlannedNode[],
  available: ReadonlySet<string>,
  fail: (message: string, node?: string) => never,
): PlannedNode[] {
  const producer = new Map<string, number>();
  nodes.forEach((node, i) => {
    for (const o of node.outputs) {
      if (o === "") continue;
      if (producer.has(o) || available.has(o))
        fail(
          `${node.where} writes "${o}", which ${available.has(o) ? "is a graph input or an initializer" : "another node also writes"}; each value must be made once.`,
          node.where,
        );
      producer.set(o, i);
    }
  });
  // For each node, how many distinct values made by other nodes it still waits for.
  const users = new Map<string, number[]>();
  const waiting = nodes.map((node, i) => {
    const pending = new Set<string>();
    for (const name of node.inputs) {
      if (name === "" || available.has(name)) continue;
      if (!producer.has(name))
        fail(`${node.where} reads "${name}", which is neither the graph input, an initializer, nor any node's output.`, node.where);
      pending.add(name);
    }
    for (const name of pending) users.set(name, [...(users.get(name) ?? []), i]);
    return pending.size;
  });

  const order: PlannedNode[] = [];
  const ready = nodes.map((_, i) => i).filter((i) => waiting[i] === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const i = ready.shift()!;
    order.push(nodes[i]!);
    for (const o of nodes[i]!.outputs) {
      for (const user of users.get(o) ?? []) if (--waiting[user]! === 0) ready.push(user);
    }
  }
  if (order.length < nodes.length) {
    const stuck = nodes.filter((_, i) => waiting[i]! > 0).map((n) => n.where);
    fail(
      `the graph has a cycle through ${stuck.slice(0, 4).join(", ")}${stuck.length > 4 ? ` and ${stuck.length - 4} more` : ""}; expected an acyclic graph.`,
      stuck[0],
    );
  }
  return order;
}
