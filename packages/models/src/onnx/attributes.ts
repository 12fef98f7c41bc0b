/** Typed access to an ONNX node's attributes, with ONNX's defaults and errors naming the node. */
import { OnnxGraphError } from "../errors.js";
import { HostTensor, readTensorProto } from "./constant.js";
import { ONNX_ATTRIBUTE_TYPES, type OnnxAttributeProto } from "./schema.js";

const decoder = new TextDecoder();

export class NodeAttributes {
  private readonly byName: ReadonlyMap<string, OnnxAttributeProto>;

  constructor(
    attributes: readonly OnnxAttributeProto[],
    /** `node "name" (OpType)`, for messages. */
    private readonly where: string,
    private readonly file: string,
  ) {
    this.byName = new Map(attributes.map((a) => [a.name, a]));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  private get(name: string, type: string): OnnxAttributeProto | undefined {
    const attribute = this.byName.get(name);
    if (attribute === undefined) return undefined;
    if (attribute.refAttrName !== "") {
      throw new OnnxGraphError(
        this.file,
        `${this.file}: ${this.where}: attribute "${name}" refers to a function attribute, which is not supported.`,
        this.where,
      );
    }
    const actual = ONNX_ATTRIBUTE_TYPES[attribute.type] ?? `type ${attribute.type}`;
    if (actual !== type) {
      throw new OnnxGraphError(this.file, `${this.file}: ${this.where}: attribute "${name}" is ${actual}; expected ${type}.`, this.where);
    }
    return attribute;
  }

  float(name: string, fallback: number): number {
    return this.get(name, "FLOAT")?.f ?? fallback;
  }

  int(name: string, fallback: number): number {
    return this.get(name, "INT")?.i ?? fallback;
  }

  /** A required INT attribute. */
  requiredInt(name: string): number {
    const attribute = this.get(name, "INT");
    if (attribute === undefined)
      throw new OnnxGraphError(this.file, `${this.file}: ${this.where}: the required attribute "${name}" (INT) is missing.`, this.where);
    return attribute.i;
  }

  string(name: string, fallback: string): string {
    const attribute = this.get(name, "STRING");
    return attribute === undefined ? fallback : decoder.decode(attribute.s);
  }

  floats(name: string): readonly number[] | undefined {
    return this.get(name, "FLOATS")?.floats;
  }

  ints(name: string): readonly number[] | undefined {
    return this.get(name, "INTS")?.ints;
  }

  tensor(name: string): HostTensor | undefined {
    const attribute = this.get(name, "TENSOR");
    if (attribute === undefined) return undefined;
    if (attribute.t === null) throw new OnnxGraphError(this.file, `${this.file}: ${this.where}: attribute "${name}" holds no tensor.`, this.where);
    return readTensorProto(attribute.t, `${this.where}, attribute "${name}"`, this.file);
  }
}
