/** Writes pickle opcodes by hand, to build test files (including hostile ones) byte by byte. */
export class PickleWriter {
  private readonly bytes: number[] = [];

  raw(...values: number[]): this {
    this.bytes.push(...values);
    return this;
  }

  private u32(n: number): number[] {
    return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  }

  private text(s: string): number[] {
    return [...new TextEncoder().encode(s)];
  }

  proto(version: number): this {
    return this.raw(0x80, version);
  }

  /** `GLOBAL 'module\nname\n'` (protocols 0–3). */
  global(module: string, name: string): this {
    return this.raw(0x63, ...this.text(`${module}\n${name}\n`));
  }

  /** Two strings then `STACK_GLOBAL` (protocol 4+). */
  stackGlobal(module: string, name: string): this {
    return this.str(module).str(name).raw(0x93);
  }

  /** `BINUNICODE`. */
  str(s: string): this {
    const b = this.text(s);
    return this.raw(0x58, ...this.u32(b.length), ...b);
  }

  /** `BININT1`, `BININT2` or `BININT`. */
  int(n: number): this {
    if (n >= 0 && n < 256) return this.raw(0x4b, n);
    if (n >= 0 && n < 65536) return this.raw(0x4d, n & 0xff, n >> 8);
    return this.raw(0x4a, ...this.u32(n));
  }

  /** `BINFLOAT` (big-endian). */
  float(x: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    return this.raw(0x47, ...b);
  }

  /** `SHORT_BINBYTES` or `BINBYTES`. */
  binBytes(data: Uint8Array): this {
    return data.length < 256 ? this.raw(0x43, data.length, ...data) : this.raw(0x42, ...this.u32(data.length), ...data);
  }

  none(): this {
    return this.raw(0x4e);
  }
  bool(v: boolean): this {
    return this.raw(v ? 0x88 : 0x89);
  }
  mark(): this {
    return this.raw(0x28);
  }
  tuple(): this {
    return this.raw(0x74);
  }
  emptyTuple(): this {
    return this.raw(0x29);
  }
  tuple1(): this {
    return this.raw(0x85);
  }
  tuple2(): this {
    return this.raw(0x86);
  }
  tuple3(): this {
    return this.raw(0x87);
  }
  emptyList(): this {
    return this.raw(0x5d);
  }
  append(): this {
    return this.raw(0x61);
  }
  appends(): this {
    return this.raw(0x65);
  }
  emptyDict(): this {
    return this.raw(0x7d);
  }
  setItem(): this {
    return this.raw(0x73);
  }
  setItems(): this {
    return this.raw(0x75);
  }
  reduce(): this {
    return this.raw(0x52);
  }
  newObj(): this {
    return this.raw(0x81);
  }
  build(): this {
    return this.raw(0x62);
  }
  binPersId(): this {
    return this.raw(0x51);
  }
  memoize(): this {
    return this.raw(0x94);
  }
  binPut(i: number): this {
    return this.raw(0x71, i);
  }
  binGet(i: number): this {
    return this.raw(0x68, i);
  }
  stop(): this {
    return this.raw(0x2e);
  }

  /** `NEWOBJ` of `module.name` with no arguments, then `BUILD` with a dict of attributes. */
  object(module: string, name: string, attributes: Record<string, (w: this) => void>): this {
    this.stackGlobal(module, name).emptyTuple().newObj().emptyDict();
    const keys = Object.keys(attributes);
    if (keys.length > 0) {
      this.mark();
      for (const key of keys) {
        this.str(key);
        attributes[key]!(this);
      }
      this.setItems();
    }
    return this.build();
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** A pickle of one `torch.nn` module instance with the given attributes (protocol 4). */
export function modulePickle(module: string, name: string, attributes: Record<string, (w: PickleWriter) => void> = {}): Uint8Array {
  return new PickleWriter()
    .proto(4)
    .object(module, name, {
      training: (w) => w.bool(false),
      _parameters: (w) => w.stackGlobal("collections", "OrderedDict").emptyTuple().reduce(),
      ...attributes,
    })
    .stop()
    .toBytes();
}

/** `PROTO 2; GLOBAL module.name; (arg,); REDUCE; STOP`: how a hostile pickle calls a function. */
export function callPickle(module: string, name: string, arg: string): Uint8Array {
  return new PickleWriter().proto(2).global(module, name).str(arg).tuple1().reduce().stop().toBytes();
}
