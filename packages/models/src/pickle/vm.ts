import { PickleFormatError } from "../errors.js";
import { resolveAllowedGlobal } from "./globals.js";
import { type PickleContext, PickleGlobal, PyInstance, describePy, isDict, isList, isSequence, isTuple, makeTuple, pyInt } from "./values.js";

/** Options of `loadPickle`. */
export interface LoadPickleOptions {
  /** The file the bytes come from, named in every error. */
  readonly file: string;
  /** Turns a persistent id (`PERSID`, `BINPERSID`) into a value; without it persistent ids are refused. */
  readonly persistentLoad?: (pid: unknown) => unknown;
  /** Resolves `module.name` to an allowed global or throws; defaults to the allow-list of `globals.ts`. */
  readonly resolveGlobal?: (module: string, name: string, ctx: PickleContext) => PickleGlobal;
  /** Where the pickle starts in `bytes` (default 0). */
  readonly offset?: number;
}

/** The value a pickle holds, and the offset just after its `STOP`. */
export interface LoadedPickle {
  readonly value: unknown;
  readonly end: number;
}

/** Nesting depth past which a pickle is refused (keeps the final pass off the call-stack limit). */
const MAX_DEPTH = 2000;
/** The highest protocol Python writes today. */
const HIGHEST_PROTOCOL = 5;

const OPCODE_NAMES: Record<number, string> = {
  0x28: "MARK",
  0x2e: "STOP",
  0x30: "POP",
  0x31: "POP_MARK",
  0x32: "DUP",
  0x46: "FLOAT",
  0x49: "INT",
  0x4a: "BININT",
  0x4b: "BININT1",
  0x4c: "LONG",
  0x4d: "BININT2",
  0x4e: "NONE",
  0x50: "PERSID",
  0x51: "BINPERSID",
  0x52: "REDUCE",
  0x53: "STRING",
  0x54: "BINSTRING",
  0x55: "SHORT_BINSTRING",
  0x56: "UNICODE",
  0x58: "BINUNICODE",
  0x61: "APPEND",
  0x62: "BUILD",
  0x63: "GLOBAL",
  0x64: "DICT",
  0x7d: "EMPTY_DICT",
  0x65: "APPENDS",
  0x67: "GET",
  0x68: "BINGET",
  0x69: "INST",
  0x6a: "LONG_BINGET",
  0x6c: "LIST",
  0x5d: "EMPTY_LIST",
  0x6f: "OBJ",
  0x70: "PUT",
  0x71: "BINPUT",
  0x72: "LONG_BINPUT",
  0x73: "SETITEM",
  0x74: "TUPLE",
  0x29: "EMPTY_TUPLE",
  0x75: "SETITEMS",
  0x47: "BINFLOAT",
  0x80: "PROTO",
  0x81: "NEWOBJ",
  0x82: "EXT1",
  0x83: "EXT2",
  0x84: "EXT4",
  0x85: "TUPLE1",
  0x86: "TUPLE2",
  0x87: "TUPLE3",
  0x88: "NEWTRUE",
  0x89: "NEWFALSE",
  0x8a: "LONG1",
  0x8b: "LONG4",
  0x42: "BINBYTES",
  0x43: "SHORT_BINBYTES",
  0x8c: "SHORT_BINUNICODE",
  0x8d: "BINUNICODE8",
  0x8e: "BINBYTES8",
  0x8f: "EMPTY_SET",
  0x90: "ADDITEMS",
  0x91: "FROZENSET",
  0x92: "NEWOBJ_EX",
  0x93: "STACK_GLOBAL",
  0x94: "MEMOIZE",
  0x95: "FRAME",
  0x96: "BYTEARRAY8",
  0x97: "NEXT_BUFFER",
  0x98: "READONLY_BUFFER",
};

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");

/**
 * Reads a pickle (protocols 0 to 5) without executing anything: globals are resolved
 * through an allow-list of plain-data constructors, and any other global is refused
 * with `UnsupportedPickleGlobalError`. Truncated input, unknown opcodes and malformed
 * structures throw `PickleFormatError`; the reader always terminates.
 */
export function loadPickle(bytes: Uint8Array, options: LoadPickleOptions): unknown {
  return loadPickleAt(bytes, options).value;
}

/** Like `loadPickle`, also giving where the pickle ends (for streams of several pickles). */
export function loadPickleAt(bytes: Uint8Array, options: LoadPickleOptions): LoadedPickle {
  const raw = new PickleMachine(bytes, options).run();
  const ctx: PickleContext = { file: options.file };
  return { value: finalizeValue(raw.value, ctx, new Map(), 0), end: raw.end };
}

class PickleMachine {
  private pos: number;
  private readonly stack: unknown[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, unknown>();
  private readonly ctx: PickleContext;
  private opcodeAt = 0;
  private opcode = 0;

  private readonly bytes: Uint8Array;

  constructor(
    bytes: Uint8Array,
    private readonly options: LoadPickleOptions,
  ) {
    // A plain view: Node Buffers' slice() shares memory, and copies must be copies.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = options.offset ?? 0;
    this.ctx = { file: options.file };
  }

  run(): { value: unknown; end: number } {
    const { bytes } = this;
    if (bytes.length === 0) throw this.fail("the file is empty (0 bytes); expected a pickle");
    while (this.pos < bytes.length) {
      this.opcodeAt = this.pos;
      this.opcode = bytes[this.pos++]!;
      if (this.opcode === 0x2e /* STOP */) {
        const value = this.pop();
        return { value, end: this.pos };
      }
      this.step(this.opcode);
    }
    throw this.fail(`the pickle is truncated: it ends at byte ${bytes.length} without its STOP opcode`);
  }

  private step(op: number): void {
    switch (op) {
      // ---- stack and memo -------------------------------------------------
      case 0x28: // MARK
        this.marks.push(this.stack.length);
        return;
      case 0x30: // POP
        if (this.stack.length > this.frameStart()) this.stack.pop();
        else this.popMark();
        return;
      case 0x31: // POP_MARK
        this.popMark();
        return;
      case 0x32: // DUP
        this.push(this.top());
        return;
      case 0x70: // PUT
        this.memo.set(this.decimal(this.readLine()), this.top());
        return;
      case 0x71: // BINPUT
        this.memo.set(this.u8(), this.top());
        return;
      case 0x72: // LONG_BINPUT
        this.memo.set(this.u32(), this.top());
        return;
      case 0x94: // MEMOIZE
        this.memo.set(this.memo.size, this.top());
        return;
      case 0x67: // GET
        this.push(this.memoGet(this.decimal(this.readLine())));
        return;
      case 0x68: // BINGET
        this.push(this.memoGet(this.u8()));
        return;
      case 0x6a: // LONG_BINGET
        this.push(this.memoGet(this.u32()));
        return;
      case 0x80: {
        // PROTO
        const version = this.u8();
        if (version > HIGHEST_PROTOCOL) {
          throw this.fail(`pickle protocol ${version} is not supported; expected a protocol from 0 to ${HIGHEST_PROTOCOL}`);
        }
        return;
      }
      case 0x95: // FRAME: framing is only a buffering hint
        this.take(8, "frame length");
        return;
      // ---- constants ----------------------------------------------------
      case 0x4e: // NONE
        this.push(null);
        return;
      case 0x88: // NEWTRUE
        this.push(true);
        return;
      case 0x89: // NEWFALSE
        this.push(false);
        return;
      case 0x49: // INT
        this.push(this.parseIntLine(this.readLine(), true));
        return;
      case 0x4c: // LONG
        this.push(this.parseIntLine(this.readLine(), false));
        return;
      case 0x4a: {
        // BININT
        const b = this.take(4, "int32");
        this.push(new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true));
        return;
      }
      case 0x4b: // BININT1
        this.push(this.u8());
        return;
      case 0x4d: // BININT2
        this.push(this.u16());
        return;
      case 0x8a: // LONG1
        this.push(pyInt(twosComplement(this.take(this.u8(), "LONG1 digits"))));
        return;
      case 0x8b: {
        // LONG4
        const n = this.i32();
        if (n < 0) throw this.fail(`LONG4 has a negative length ${n}`);
        this.push(pyInt(twosComplement(this.take(n, "LONG4 digits"))));
        return;
      }
      case 0x46: // FLOAT
        this.push(parsePyFloat(this.readLine(), (m) => this.fail(m)));
        return;
      case 0x47: {
        // BINFLOAT (big-endian)
        const b = this.take(8, "float64");
        this.push(new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, false));
        return;
      }
      // ---- strings and bytes --------------------------------------------
      case 0x53: // STRING
        this.push(unquotePy2String(this.readLine(), (m) => this.fail(m)));
        return;
      case 0x54: {
        // BINSTRING
        const n = this.i32();
        if (n < 0) throw this.fail(`BINSTRING has a negative length ${n}`);
        this.push(latin1.decode(this.take(n, "string")));
        return;
      }
      case 0x55: // SHORT_BINSTRING
        this.push(latin1.decode(this.take(this.u8(), "string")));
        return;
      case 0x56: // UNICODE (raw-unicode-escape)
        this.push(decodeRawUnicodeEscape(latin1.decode(this.readLineBytes())));
        return;
      case 0x58: // BINUNICODE
        this.push(this.text(this.take(this.u32(), "string")));
        return;
      case 0x8c: // SHORT_BINUNICODE
        this.push(this.text(this.take(this.u8(), "string")));
        return;
      case 0x8d: // BINUNICODE8
        this.push(this.text(this.take(this.u64(), "string")));
        return;
      case 0x42: // BINBYTES
        this.push(this.take(this.u32(), "bytes").slice());
        return;
      case 0x43: // SHORT_BINBYTES
        this.push(this.take(this.u8(), "bytes").slice());
        return;
      case 0x8e: // BINBYTES8
        this.push(this.take(this.u64(), "bytes").slice());
        return;
      case 0x96: // BYTEARRAY8
        this.push(this.take(this.u64(), "bytearray").slice());
        return;
      case 0x98: // READONLY_BUFFER: leaves the buffer as it is
        this.top();
        return;
      // ---- containers ---------------------------------------------------
      case 0x29: // EMPTY_TUPLE
        this.push(makeTuple([]));
        return;
      case 0x74: // TUPLE
        this.push(makeTuple(this.popMark()));
        return;
      case 0x85: // TUPLE1
        this.push(makeTuple([this.pop()]));
        return;
      case 0x86: {
        // TUPLE2
        const b = this.pop();
        const a = this.pop();
        this.push(makeTuple([a, b]));
        return;
      }
      case 0x87: {
        // TUPLE3
        const c = this.pop();
        const b = this.pop();
        const a = this.pop();
        this.push(makeTuple([a, b, c]));
        return;
      }
      case 0x5d: // EMPTY_LIST
        this.push([]);
        return;
      case 0x6c: // LIST
        this.push(this.popMark());
        return;
      case 0x61: {
        // APPEND
        const item = this.pop();
        this.listTarget().push(item);
        return;
      }
      case 0x65: {
        // APPENDS
        const items = this.popMark();
        const target = this.listTarget();
        for (const item of items) target.push(item);
        return;
      }
      case 0x7d: // EMPTY_DICT
        this.push(new Map());
        return;
      case 0x64: {
        // DICT
        const items = this.popMark();
        const dict = new Map<unknown, unknown>();
        this.setItems(dict, items);
        this.push(dict);
        return;
      }
      case 0x73: {
        // SETITEM
        const value = this.pop();
        const key = this.pop();
        this.dictTarget().set(this.hashable(key), value);
        return;
      }
      case 0x75: {
        // SETITEMS
        const items = this.popMark();
        this.setItems(this.dictTarget(), items);
        return;
      }
      case 0x8f: // EMPTY_SET
        this.push(new Set());
        return;
      case 0x90: {
        // ADDITEMS
        const items = this.popMark();
        const target = this.top();
        if (!(target instanceof Set)) throw this.fail(`ADDITEMS needs a set, found ${describePy(target)}`);
        for (const item of items) target.add(this.hashable(item));
        return;
      }
      case 0x91: // FROZENSET
        this.push(new Set(this.popMark().map((item) => this.hashable(item))));
        return;
      // ---- globals and objects ------------------------------------------
      case 0x63: {
        // GLOBAL
        const module = this.text(this.readLineBytes());
        const name = this.text(this.readLineBytes());
        this.push(this.resolve(module, name));
        return;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = this.pop();
        const module = this.pop();
        if (typeof module !== "string" || typeof name !== "string") {
          throw this.fail(`STACK_GLOBAL needs two strings, found ${describePy(module)} and ${describePy(name)}`);
        }
        this.push(this.resolve(module, name));
        return;
      }
      case 0x52: {
        // REDUCE
        const args = this.pop();
        const callable = this.pop();
        this.push(this.call(callable, args));
        return;
      }
      case 0x81: {
        // NEWOBJ
        const args = this.pop();
        const cls = this.pop();
        this.push(this.construct(cls, args, new Map()));
        return;
      }
      case 0x92: {
        // NEWOBJ_EX
        const kwargs = this.pop();
        const args = this.pop();
        const cls = this.pop();
        if (!isDict(kwargs)) throw this.fail(`NEWOBJ_EX needs a dict of keyword arguments, found ${describePy(kwargs)}`);
        this.push(this.construct(cls, args, kwargs));
        return;
      }
      case 0x69: {
        // INST
        const module = this.text(this.readLineBytes());
        const name = this.text(this.readLineBytes());
        const args = this.popMark();
        this.push(this.call(this.resolve(module, name), makeTuple(args)));
        return;
      }
      case 0x6f: {
        // OBJ
        const items = this.popMark();
        if (items.length === 0) throw this.fail("OBJ needs a class after its MARK");
        this.push(this.call(items[0], makeTuple(items.slice(1))));
        return;
      }
      case 0x62: {
        // BUILD
        const state = this.pop();
        this.build(this.top(), state);
        return;
      }
      case 0x50: // PERSID
        this.push(this.persistent(this.text(this.readLineBytes())));
        return;
      case 0x51: // BINPERSID
        this.push(this.persistent(this.pop()));
        return;
      case 0x82:
      case 0x83:
      case 0x84:
        throw this.fail(`${OPCODE_NAMES[op]} (the copyreg extension registry) is not supported; expected globals named in full`);
      case 0x97:
        throw this.fail("NEXT_BUFFER (an out-of-band buffer) is not supported; expected in-band data");
      default:
        throw this.fail(`unknown pickle opcode 0x${op.toString(16).padStart(2, "0")}; the file is corrupted or not a pickle`);
    }
  }

  // ---- helpers ------------------------------------------------------------

  private fail(message: string): PickleFormatError {
    const name = OPCODE_NAMES[this.opcode];
    const where = name ? ` (opcode ${name} at byte ${this.opcodeAt})` : ` (byte ${this.opcodeAt})`;
    return new PickleFormatError(this.ctx.file, `${this.ctx.file}: ${message}${where}.`, this.opcodeAt);
  }

  private take(n: number, what: string): Uint8Array {
    if (n > this.bytes.length - this.pos) {
      throw this.fail(`the pickle is truncated: ${what} needs ${n} bytes but only ${this.bytes.length - this.pos} remain`);
    }
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private u8(): number {
    return this.take(1, "a 1-byte argument")[0]!;
  }

  private u16(): number {
    const b = this.take(2, "a 2-byte argument");
    return b[0]! | (b[1]! << 8);
  }

  private u32(): number {
    const b = this.take(4, "a 4-byte argument");
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
  }

  private i32(): number {
    const b = this.take(4, "a 4-byte argument");
    return new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true);
  }

  private u64(): number {
    const b = this.take(8, "an 8-byte length");
    const n = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
    if (n > BigInt(this.bytes.length)) {
      throw this.fail(`the pickle is truncated: a length of ${n} bytes exceeds the ${this.bytes.length}-byte input`);
    }
    return Number(n);
  }

  private readLineBytes(): Uint8Array {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) throw this.fail("the pickle is truncated: a text argument has no terminating newline");
    const line = this.bytes.subarray(this.pos, end);
    this.pos = end + 1;
    return line;
  }

  private readLine(): string {
    return latin1.decode(this.readLineBytes());
  }

  private text(b: Uint8Array): string {
    try {
      return utf8.decode(b);
    } catch {
      throw this.fail("a string is not valid UTF-8");
    }
  }

  private decimal(line: string): number {
    if (!/^\d+$/.test(line)) throw this.fail(`expected a decimal memo index, found ${JSON.stringify(line)}`);
    return Number(line);
  }

  private parseIntLine(line: string, isIntOpcode: boolean): unknown {
    if (isIntOpcode && line === "01") return true;
    if (isIntOpcode && line === "00") return false;
    const digits = line.endsWith("L") ? line.slice(0, -1) : line;
    if (!/^[+-]?\d+$/.test(digits)) throw this.fail(`expected an integer, found ${JSON.stringify(line)}`);
    return pyInt(BigInt(digits));
  }

  private frameStart(): number {
    return this.marks.length > 0 ? this.marks[this.marks.length - 1]! : 0;
  }

  private push(value: unknown): void {
    this.stack.push(value);
  }

  private pop(): unknown {
    if (this.stack.length <= this.frameStart()) throw this.fail("stack underflow: the pickle is malformed");
    return this.stack.pop();
  }

  private top(): unknown {
    if (this.stack.length <= this.frameStart()) throw this.fail("stack underflow: the pickle is malformed");
    return this.stack[this.stack.length - 1];
  }

  private popMark(): unknown[] {
    const mark = this.marks.pop();
    if (mark === undefined) throw this.fail("no MARK to pop: the pickle is malformed");
    return this.stack.splice(mark);
  }

  private memoGet(index: number): unknown {
    if (!this.memo.has(index)) throw this.fail(`memo entry ${index} is read before it is written`);
    return this.memo.get(index);
  }

  private listTarget(): unknown[] {
    const target = this.top();
    if (!isList(target)) throw this.fail(`APPEND needs a list, found ${describePy(target)}`);
    return target;
  }

  private dictTarget(): Map<unknown, unknown> {
    const target = this.top();
    if (!isDict(target)) throw this.fail(`SETITEM needs a dict, found ${describePy(target)}`);
    return target;
  }

  private setItems(dict: Map<unknown, unknown>, items: unknown[]): void {
    if (items.length % 2 !== 0) throw this.fail("a dict needs key/value pairs but an odd number of items was given");
    for (let i = 0; i < items.length; i += 2) dict.set(this.hashable(items[i]), items[i + 1]);
  }

  private hashable(key: unknown): unknown {
    if (isList(key) || isDict(key) || key instanceof Set) {
      throw this.fail(`unhashable ${describePy(key)} used as a dict key or set item`);
    }
    return key;
  }

  private resolve(module: string, name: string): PickleGlobal {
    const resolver = this.options.resolveGlobal ?? resolveAllowedGlobal;
    return resolver(module, name, this.ctx);
  }

  private call(callable: unknown, args: unknown): unknown {
    if (!isTuple(args) && !isList(args)) throw this.fail(`arguments must be a tuple, found ${describePy(args)}`);
    if (!(callable instanceof PickleGlobal)) throw this.fail(`cannot call ${describePy(callable)}`);
    const call = callable.behaviour.call;
    if (!call) throw this.fail(`the global ${callable.name} may be referenced but not called`);
    return call(args, this.ctx);
  }

  private construct(cls: unknown, args: unknown, kwargs: Map<unknown, unknown>): unknown {
    if (!isTuple(args) && !isList(args)) throw this.fail(`arguments must be a tuple, found ${describePy(args)}`);
    if (!(cls instanceof PickleGlobal)) throw this.fail(`cannot instantiate ${describePy(cls)}`);
    const construct = cls.behaviour.construct;
    if (!construct) throw this.fail(`the global ${cls.name} may be referenced but not instantiated`);
    return construct(args, kwargs, this.ctx);
  }

  private build(target: unknown, state: unknown): void {
    if (target instanceof PyInstance) {
      // (dict_state, slots_state) pairs are merged into one attribute map.
      if (isTuple(state) && state.length === 2 && (state[0] === null || isDict(state[0])) && (state[1] === null || isDict(state[1]))) {
        const merged = new Map<unknown, unknown>();
        for (const part of state) if (isDict(part)) for (const [k, v] of part) merged.set(k, v);
        state = merged;
      }
      if (target.state === undefined) target.state = state;
      else if (isDict(target.state) && isDict(state)) for (const [k, v] of state) target.state.set(k, v);
      else throw this.fail(`${target.className} receives its state twice`);
      return;
    }
    if (isDict(target) && isDict(state)) {
      // Attributes of a dict subclass (a state dict's `_metadata`): not part of its items.
      return;
    }
    throw this.fail(`BUILD cannot set the state of ${describePy(target)}`);
  }

  private persistent(pid: unknown): unknown {
    const load = this.options.persistentLoad;
    if (!load) throw this.fail("the pickle has a persistent id, but this file is not read with a persistent loader");
    return load(pid);
  }
}

/** Little-endian two's-complement integer (LONG1, LONG4). */
function twosComplement(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  let value = 0n;
  for (let i = b.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(b[i]!);
  if (b[b.length - 1]! & 0x80) value -= 1n << BigInt(8 * b.length);
  return value;
}

function parsePyFloat(line: string, fail: (m: string) => Error): number {
  const text = line.trim().toLowerCase();
  if (text === "nan" || text === "-nan") return Number.NaN;
  if (text === "inf" || text === "+inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) throw fail(`expected a float, found ${JSON.stringify(line)}`);
  return Number(text);
}

/** A protocol-0 `STRING` argument: a quoted Python 2 string literal with escapes. */
function unquotePy2String(line: string, fail: (m: string) => Error): string {
  const quote = line[0];
  if (line.length < 2 || (quote !== "'" && quote !== '"') || line[line.length - 1] !== quote) {
    throw fail(`expected a quoted string, found ${JSON.stringify(line.slice(0, 40))}`);
  }
  const body = line.slice(1, -1);
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v" };
  return body.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, esc: string) => {
    if (esc[0] === "x") return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return simple[esc] ?? "\\" + esc;
  });
}

/** Python's `raw-unicode-escape` decoding (protocol-0 `UNICODE`). */
function decodeRawUnicodeEscape(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, u4: string | undefined, u8: string | undefined) =>
    String.fromCodePoint(parseInt((u4 ?? u8)!, 16)),
  );
}

/**
 * Replaces every instance by its typed record, children first, keeping shared
 * references shared. Runs once, after `STOP`.
 */
function finalizeValue(value: unknown, ctx: PickleContext, done: Map<object, unknown>, depth: number): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Uint8Array || value instanceof PickleGlobal) return value;
  if (done.has(value)) {
    const result = done.get(value);
    if (result === IN_PROGRESS) {
      throw new PickleFormatError(ctx.file, `${ctx.file}: an object contains itself; expected plain, acyclic data.`);
    }
    return result;
  }
  if (depth > MAX_DEPTH) {
    throw new PickleFormatError(ctx.file, `${ctx.file}: values are nested more than ${MAX_DEPTH} levels deep.`);
  }
  const next = depth + 1;
  if (isSequence(value)) {
    if (Object.isFrozen(value)) {
      done.set(value, IN_PROGRESS);
      const out = makeTuple(value.map((item) => finalizeValue(item, ctx, done, next)));
      done.set(value, out);
      return out;
    }
    const out: unknown[] = [];
    done.set(value, out);
    for (const item of value) out.push(finalizeValue(item, ctx, done, next));
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    done.set(value, out);
    for (const [k, v] of value) out.set(finalizeValue(k, ctx, done, next), finalizeValue(v, ctx, done, next));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    done.set(value, out);
    for (const item of value) out.add(finalizeValue(item, ctx, done, next));
    return out;
  }
  if (value instanceof PyInstance) {
    done.set(value, IN_PROGRESS);
    const ready = new PyInstance(
      value.className,
      finalizeValue(value.args, ctx, done, next) as readonly unknown[],
      finalizeValue(value.kwargs, ctx, done, next) as ReadonlyMap<unknown, unknown>,
      value.finalizer,
    );
    ready.state = finalizeValue(value.state, ctx, done, next);
    const out = value.finalizer(ready, ctx);
    done.set(value, out);
    return out;
  }
  // Typed records made directly by an allowed function are already final.
  return value;
}

const IN_PROGRESS = Symbol("in progress");
