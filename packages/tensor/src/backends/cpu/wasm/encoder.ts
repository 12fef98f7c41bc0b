/**
 * The WebAssembly binary format, only as far as the CPU kernels need it: one
 * memory, defined and exported by the module or imported (shared between
 * threads), functions with their types, locals and exports. Instruction bytes
 * come from `code.ts`.
 */

/** Value types (binary encoding of `i32`, `i64`, `f32`, `f64`, `v128`). */
export const ValType = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValType = (typeof ValType)[keyof typeof ValType];

/** A function: its signature, declared locals (after the parameters) and body without the final `end`. */
export interface FunctionDef {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  readonly locals: readonly ValType[];
  readonly body: readonly number[];
}

/**
 * A memory of `min`..`max` 64 KiB pages: defined by the module and exported
 * as `name`, or imported as `env.name` (shared between threads when `shared`,
 * which needs `max`).
 */
export interface MemoryDef {
  readonly name: string;
  readonly min: number;
  readonly max?: number;
  readonly imported?: boolean;
  readonly shared?: boolean;
}

/** A module: a memory and exported functions. */
export interface ModuleDef {
  readonly memory?: MemoryDef;
  readonly functions: readonly FunctionDef[];
}

/** Unsigned LEB128 of an integer in [0, 2³²). */
export function uleb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`uleb128: expected an integer in [0, 2^32), got ${value}`);
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 of an integer in [−2³¹, 2³¹). */
export function sleb128(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff)
    throw new RangeError(`sleb128: expected an integer in [-2^31, 2^31), got ${value}`);
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const name = (s: string): number[] => [...uleb128(utf8(s).length), ...utf8(s)];
const vector = (items: readonly (readonly number[])[]): number[] => [...uleb128(items.length), ...items.flat()];
const section = (id: number, contents: readonly number[]): number[] => [id, ...uleb128(contents.length), ...contents];

const Section = { type: 1, import: 2, function: 3, memory: 5, export: 7, code: 10 } as const;
const ExportKind = { func: 0x00, memory: 0x02 } as const;
const FUNC_TYPE = 0x60;
const END = 0x0b;

/** Locals as the code section wants them: runs of equal types, `(count, type)`. */
function localGroups(locals: readonly ValType[]): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < locals.length;) {
    let j = i;
    while (j < locals.length && locals[j] === locals[i]) j++;
    groups.push([...uleb128(j - i), locals[i]!]);
    i = j;
  }
  return groups;
}

/** A memory's limits: flags (bit 0: a maximum follows; bit 1: shared), the minimum, the maximum. */
function limits({ name, min, max, shared = false }: MemoryDef): number[] {
  if (shared && max === undefined) throw new RangeError(`memory ${name}: a shared memory needs a maximum`);
  if (max === undefined) return [0x00, ...uleb128(min)];
  return [shared ? 0x03 : 0x01, ...uleb128(min), ...uleb128(max)];
}

/** The bytes of a module (magic, version 1, then the type, import, function, memory, export and code sections). */
export function encodeModule(def: ModuleDef): Uint8Array<ArrayBuffer> {
  const fns = def.functions;
  const types = fns.map((f) => [FUNC_TYPE, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const exports = fns.map((f, i) => [...name(f.name), ExportKind.func, ...uleb128(i)]);
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const memory = def.memory;
  bytes.push(...section(Section.type, vector(types)));
  if (memory?.imported) bytes.push(...section(Section.import, vector([[...name("env"), ...name(memory.name), ExportKind.memory, ...limits(memory)]])));
  bytes.push(...section(Section.function, vector(fns.map((_, i) => uleb128(i)))));
  if (memory && !memory.imported) {
    bytes.push(...section(Section.memory, vector([limits(memory)])));
    exports.push([...name(memory.name), ExportKind.memory, 0]);
  }
  bytes.push(...section(Section.export, vector(exports)));
  const bodies = fns.map((f) => {
    const body = [...vector(localGroups(f.locals)), ...f.body, END];
    return [...uleb128(body.length), ...body];
  });
  bytes.push(...section(Section.code, vector(bodies)));
  return Uint8Array.from(bytes);
}
