/**
 * Writes small ONNX models (serialized `onnx.ModelProto`) for tests, with the field numbers
 * of onnx/onnx.proto. Only what the tests need: nodes, attributes, initializers, typed
 * inputs and outputs, opset imports and metadata.
 */
import { ProtoWriter } from "./protobufWriter.js";

/** A tensor: float (FLOAT), double (DOUBLE) or int64 (INT64) values, in raw_data or in the typed field. */
export interface TensorSpec {
  name?: string;
  type: "float" | "double" | "int64";
  dims: readonly number[];
  values: ArrayLike<number>;
  /** raw_data (the default, as exporters write) or float_data / double_data / int64_data. */
  encoding?: "raw" | "typed";
}

export type AttributeValue =
  { f: number } | { i: number } | { s: string } | { floats: readonly number[] } | { ints: readonly number[] } | { t: TensorSpec };

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

/** A graph input or output: its name and dims (a number, or a string for a symbolic dimension). */
export interface ValueSpec {
  name: string;
  dims?: readonly (number | string)[];
  /** The element type code (1 FLOAT, 11 DOUBLE). Default 1. */
  elemType?: number;
}

export interface ModelSpec {
  nodes: readonly NodeSpec[];
  initializers?: readonly (TensorSpec & { name: string })[];
  inputs: readonly ValueSpec[];
  outputs: readonly ValueSpec[];
  opset?: number;
  metadata?: Record<string, string>;
  producer?: string;
}

const DATA_TYPES = { float: 1, int64: 7, double: 11 } as const;

export function tensorProto(t: TensorSpec): ProtoWriter {
  const w = new ProtoWriter();
  if (t.dims.length > 0) w.packedVarints(1, t.dims);
  w.varint(2, DATA_TYPES[t.type]);
  if (t.name !== undefined) w.string(8, t.name);
  if ((t.encoding ?? "raw") === "raw") {
    const size = t.type === "float" ? 4 : 8;
    const raw = new Uint8Array(size * t.values.length);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < t.values.length; i++) {
      const v = t.values[i]!;
      if (t.type === "float") view.setFloat32(4 * i, v, true);
      else if (t.type === "double") view.setFloat64(8 * i, v, true);
      else view.setBigInt64(8 * i, BigInt(v), true);
    }
    w.bytes(9, raw);
  } else if (t.type === "float") w.packedFloats(4, t.values);
  else if (t.type === "double") w.packedDoubles(10, t.values);
  else w.packedVarints(7, t.values);
  return w;
}

function attributeProto(name: string, a: AttributeValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if ("f" in a) w.float(2, a.f).varint(20, 1);
  else if ("i" in a) w.varint(3, a.i).varint(20, 2);
  else if ("s" in a) w.string(4, a.s).varint(20, 3);
  else if ("t" in a) w.message(5, tensorProto(a.t)).varint(20, 4);
  else if ("floats" in a) {
    for (const f of a.floats) w.float(7, f);
    w.varint(20, 6);
  } else {
    for (const i of a.ints) w.varint(8, i);
    w.varint(20, 7);
  }
  return w;
}

function valueInfo(v: ValueSpec): ProtoWriter {
  const w = new ProtoWriter().string(1, v.name);
  const tensorType = new ProtoWriter().varint(1, v.elemType ?? 1);
  if (v.dims !== undefined) {
    const shape = new ProtoWriter();
    for (const d of v.dims) shape.message(1, typeof d === "number" ? new ProtoWriter().varint(1, d) : new ProtoWriter().string(2, d));
    tensorType.message(2, shape);
  }
  return w.message(2, new ProtoWriter().message(1, tensorType));
}

/** The bytes of an ONNX model. */
export function writeOnnxModel(spec: ModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of spec.nodes) {
    const node = new ProtoWriter();
    for (const i of n.inputs) node.string(1, i);
    for (const o of n.outputs) node.string(2, o);
    if (n.name !== undefined) node.string(3, n.name);
    node.string(4, n.op);
    for (const [name, a] of Object.entries(n.attributes ?? {})) node.message(5, attributeProto(name, a));
    if (n.domain !== undefined) node.string(7, n.domain);
    graph.message(1, node);
  }
  graph.string(2, "test-graph");
  for (const t of spec.initializers ?? []) graph.message(5, tensorProto(t));
  for (const v of spec.inputs) graph.message(11, valueInfo(v));
  for (const v of spec.outputs) graph.message(12, valueInfo(v));

  const model = new ProtoWriter()
    .varint(1, 8)
    .string(2, spec.producer ?? "nabla-tests")
    .string(3, "1");
  model.message(7, graph);
  model.message(8, new ProtoWriter().string(1, "").varint(2, spec.opset ?? 17));
  for (const [key, value] of Object.entries(spec.metadata ?? {})) model.message(14, new ProtoWriter().string(1, key).string(2, value));
  return model.finish();
}
