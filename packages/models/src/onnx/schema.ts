/**
 * The part of ONNX's message definitions (`onnx/onnx.proto`, IR version 10) that an exported
 * network needs, as a protobufjs reflection descriptor, and the decoder of a `ModelProto`.
 * Field numbers are ONNX's; fields not listed here are skipped by the decoder. Nothing in a
 * file is ever executed: protobufjs builds its decoder from this descriptor alone.
 */
import protobuf from "protobufjs/light.js";
import { OnnxFormatError } from "../errors.js";

const descriptor = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: "int64", id: 1 },
            opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
            producerName: { type: "string", id: 2 },
            producerVersion: { type: "string", id: 3 },
            domain: { type: "string", id: 4 },
            modelVersion: { type: "int64", id: 5 },
            docString: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 },
            metadataProps: { rule: "repeated", type: "StringStringEntryProto", id: 14 },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: "string", id: 1 }, version: { type: "int64", id: 2 } },
        },
        StringStringEntryProto: {
          fields: { key: { type: "string", id: 1 }, value: { type: "string", id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            docString: { type: "string", id: 10 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            opType: { type: "string", id: 4 },
            domain: { type: "string", id: 7 },
            attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: "string", id: 1 },
            refAttrName: { type: "string", id: 21 },
            type: { type: "int32", id: 20 },
            f: { type: "float", id: 2 },
            i: { type: "int64", id: 3 },
            s: { type: "bytes", id: 4 },
            t: { type: "TensorProto", id: 5 },
            g: { type: "GraphProto", id: 6 },
            floats: { rule: "repeated", type: "float", id: 7 },
            ints: { rule: "repeated", type: "int64", id: 8 },
            strings: { rule: "repeated", type: "bytes", id: 9 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 },
            dataType: { type: "int32", id: 2 },
            floatData: { rule: "repeated", type: "float", id: 4, options: { packed: true } },
            int32Data: { rule: "repeated", type: "int32", id: 5, options: { packed: true } },
            int64Data: { rule: "repeated", type: "int64", id: 7, options: { packed: true } },
            name: { type: "string", id: 8 },
            rawData: { type: "bytes", id: 9 },
            doubleData: { rule: "repeated", type: "double", id: 10, options: { packed: true } },
            dataLocation: { type: "int32", id: 14 },
          },
        },
        ValueInfoProto: {
          fields: { name: { type: "string", id: 1 }, type: { type: "TypeProto", id: 2 } },
        },
        TypeProto: {
          fields: { tensorType: { type: "TypeProtoTensor", id: 1 } },
        },
        TypeProtoTensor: {
          fields: { elemType: { type: "int32", id: 1 }, shape: { type: "TensorShapeProto", id: 2 } },
        },
        TensorShapeProto: {
          fields: { dim: { rule: "repeated", type: "TensorShapeDimension", id: 1 } },
        },
        TensorShapeDimension: {
          fields: { dimValue: { type: "int64", id: 1 }, dimParam: { type: "string", id: 2 } },
        },
      },
    },
  },
};

/** `TensorProto.DataType` codes (only the names matter outside this module). */
export const ONNX_DATA_TYPES: Readonly<Record<number, string>> = {
  1: "FLOAT",
  2: "UINT8",
  3: "INT8",
  4: "UINT16",
  5: "INT16",
  6: "INT32",
  7: "INT64",
  8: "STRING",
  9: "BOOL",
  10: "FLOAT16",
  11: "DOUBLE",
  12: "UINT32",
  13: "UINT64",
  14: "COMPLEX64",
  15: "COMPLEX128",
  16: "BFLOAT16",
};

/** `AttributeProto.AttributeType` codes. */
export const ONNX_ATTRIBUTE_TYPES: Readonly<Record<number, string>> = {
  0: "UNDEFINED",
  1: "FLOAT",
  2: "INT",
  3: "STRING",
  4: "TENSOR",
  5: "GRAPH",
  6: "FLOATS",
  7: "INTS",
  8: "STRINGS",
  9: "TENSORS",
  10: "GRAPHS",
  11: "SPARSE_TENSOR",
  12: "SPARSE_TENSORS",
  13: "TYPE_PROTO",
  14: "TYPE_PROTOS",
};

export interface OnnxTensorProto {
  readonly dims: readonly number[];
  readonly dataType: number;
  readonly floatData: readonly number[];
  readonly int32Data: readonly number[];
  readonly int64Data: readonly number[];
  readonly doubleData: readonly number[];
  readonly name: string;
  readonly rawData: Uint8Array;
  /** 1 (EXTERNAL) when the values live in another file. */
  readonly dataLocation: number;
}

export interface OnnxAttributeProto {
  readonly name: string;
  readonly refAttrName: string;
  readonly type: number;
  readonly f: number;
  readonly i: number;
  readonly s: Uint8Array;
  readonly t: OnnxTensorProto | null;
  readonly g: OnnxGraphProto | null;
  readonly floats: readonly number[];
  readonly ints: readonly number[];
  readonly strings: readonly Uint8Array[];
}

export interface OnnxNodeProto {
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly attribute: readonly OnnxAttributeProto[];
}

/** One dimension of a declared shape: a number, a symbolic name, or unknown (neither set). */
export interface OnnxDimension {
  readonly dimValue: number;
  readonly dimParam: string;
}

export interface OnnxValueInfoProto {
  readonly name: string;
  readonly type: {
    readonly tensorType: { readonly elemType: number; readonly shape: { readonly dim: readonly OnnxDimension[] } | null } | null;
  } | null;
}

export interface OnnxGraphProto {
  readonly node: readonly OnnxNodeProto[];
  readonly name: string;
  readonly initializer: readonly OnnxTensorProto[];
  readonly docString: string;
  readonly input: readonly OnnxValueInfoProto[];
  readonly output: readonly OnnxValueInfoProto[];
}

export interface OnnxModelProto {
  readonly irVersion: number;
  readonly opsetImport: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number;
  readonly docString: string;
  readonly graph: OnnxGraphProto | null;
  readonly metadataProps: readonly { readonly key: string; readonly value: string }[];
}

let modelType: protobuf.Type | undefined;

/**
 * Decodes an ONNX file (a serialized `onnx.ModelProto`) into plain objects: 64-bit integers
 * as numbers, absent fields as their defaults. Throws `OnnxFormatError` naming `file` when
 * the bytes are not a well-formed message or hold no graph.
 */
export function decodeOnnxModel(bytes: Uint8Array, file: string): OnnxModelProto {
  if (bytes.length === 0) throw new OnnxFormatError(file, `${file}: the file is empty; expected an ONNX model (a serialized onnx.ModelProto).`);
  modelType ??= protobuf.Root.fromJSON(descriptor).lookupType("onnx.ModelProto");
  let model: OnnxModelProto;
  try {
    const message = modelType.decode(bytes);
    model = modelType.toObject(message, { longs: Number, enums: Number, defaults: true, arrays: true }) as OnnxModelProto;
  } catch (error) {
    throw new OnnxFormatError(
      file,
      `${file}: not a readable ONNX model (${(error as Error).message}); the protobuf is truncated or corrupted, or the file is not an ONNX model.`,
      { cause: error },
    );
  }
  if (model.graph === null || (model.graph.node.length === 0 && model.graph.input.length === 0 && model.graph.output.length === 0)) {
    throw new OnnxFormatError(
      file,
      `${file}: the ONNX model holds no graph (no nodes, inputs or outputs); expected an onnx.ModelProto with its graph.`,
    );
  }
  return model;
}
