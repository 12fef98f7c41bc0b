/**
 * A minimal protocol-buffers encoder (wire types 0, 1, 2, 5), written independently of the
 * decoder under test so that the two check each other.
 */
export class ProtoWriter {
  private readonly chunks: number[] = [];

  private varintRaw(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      this.chunks.push(byte);
    } while (v !== 0n);
  }

  private tag(field: number, wireType: number): void {
    this.varintRaw(BigInt((field << 3) | wireType));
  }

  /** int32, int64, enum, bool (negative values as ten-byte two's complement, as protobuf does). */
  varint(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.varintRaw(BigInt(value));
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.chunks.push(...b);
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    this.chunks.push(...b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varintRaw(BigInt(value.length));
    for (const b of value) this.chunks.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  packedFloats(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(4 * values.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
    return this.bytes(field, b);
  }

  packedDoubles(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(8 * values.length);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i]!, true);
    return this.bytes(field, b);
  }

  packedVarints(field: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varintRaw(BigInt(values[i]!));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
