/**
 * How Python values appear once a pickle is read:
 *
 * | Python                 | JavaScript                                            |
 * |------------------------|-------------------------------------------------------|
 * | None, bool, str        | null, boolean, string                                 |
 * | int                    | number (bigint beyond ±2^53)                          |
 * | float                  | number                                                |
 * | bytes, bytearray       | Uint8Array                                            |
 * | list                   | Array                                                 |
 * | tuple                  | frozen Array (`isTuple`)                              |
 * | dict, OrderedDict      | Map (insertion order kept)                            |
 * | set, frozenset         | Set                                                   |
 * | an allowed global      | PickleGlobal (a named reference; never executable)    |
 * | an allowed instance    | the typed record its class entry makes                |
 */

/** Context given to the allow-list handlers, for error messages. */
export interface PickleContext {
  /** The file being read, as named in errors. */
  readonly file: string;
}

/** What an allowed global may do when a pickle applies it. Both are pure data transformations. */
export interface GlobalBehaviour {
  /** `REDUCE`, `INST`, `OBJ`: the global called with positional arguments. */
  readonly call?: (args: readonly unknown[], ctx: PickleContext) => unknown;
  /** `NEWOBJ`, `NEWOBJ_EX`: `cls.__new__(cls, *args, **kwargs)`. */
  readonly construct?: (args: readonly unknown[], kwargs: ReadonlyMap<unknown, unknown>, ctx: PickleContext) => unknown;
  /** Plain data describing what the global is (an activation class, an nnbma function, a storage type…). */
  readonly data?: unknown;
}

/** A reference to an allowed global, as pushed by `GLOBAL` / `STACK_GLOBAL`. */
export class PickleGlobal {
  readonly kind = "global";

  constructor(
    /** Canonical `"module.Name"` (old nnbma paths already mapped to the current ones). */
    readonly name: string,
    readonly behaviour: GlobalBehaviour,
  ) {}

  toString(): string {
    return this.name;
  }
}

/** Turns a finished instance into its typed record, once its arguments and state are final. */
export type Finalizer = (instance: PyInstance, ctx: PickleContext) => unknown;

/**
 * An object under construction by `NEWOBJ`/`REDUCE` and `BUILD`. After the pickle's `STOP`
 * every instance is replaced by what its class's finalizer returns.
 */
export class PyInstance {
  /** The state given by `BUILD` (a Map for ordinary objects), undefined when none was given. */
  state: unknown = undefined;

  constructor(
    readonly className: string,
    readonly args: readonly unknown[],
    readonly kwargs: ReadonlyMap<unknown, unknown>,
    readonly finalizer: Finalizer,
  ) {}
}

/** A Python tuple: a frozen array. */
export function makeTuple(items: unknown[]): readonly unknown[] {
  return Object.freeze(items);
}

export function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.isFrozen(value);
}

/** A Python list: an array that is not frozen. */
export function isList(value: unknown): value is unknown[] {
  return Array.isArray(value) && !Object.isFrozen(value);
}

export function isSequence(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

export function isDict(value: unknown): value is Map<unknown, unknown> {
  return value instanceof Map;
}

/** Python's `int(x)` for a value read from a pickle: a safe integer or a bigint. */
export function pyInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A short description of a value's Python type, for error messages. */
export function describePy(value: unknown): string {
  if (value === null) return "None";
  if (value === undefined) return "nothing";
  if (typeof value === "boolean") return `bool ${value ? "True" : "False"}`;
  if (typeof value === "number") return Number.isInteger(value) ? `int ${value}` : `float ${value}`;
  if (typeof value === "bigint") return `int ${value}`;
  if (typeof value === "string") return `str ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (value instanceof Uint8Array) return `bytes (${value.length})`;
  if (isTuple(value)) return `tuple of ${value.length}`;
  if (Array.isArray(value)) return `list of ${value.length}`;
  if (value instanceof Map) return `dict of ${value.size}`;
  if (value instanceof Set) return `set of ${value.size}`;
  if (value instanceof PickleGlobal) return `global ${value.name}`;
  if (value instanceof PyInstance) return `${value.className} instance`;
  if (typeof value === "object" && "kind" in value) return String((value as { kind: unknown }).kind);
  return typeof value;
}

/** A member of a Python `Enum` (read from `getattr(EnumClass, "NAME")` or `EnumClass(value)`). */
export interface EnumMember {
  readonly kind: "enum";
  /** The enum class, as `"module.Name"`. */
  readonly enumName: string;
  readonly name: string;
  readonly value: number;
}

export function isEnumMember(value: unknown): value is EnumMember {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "enum";
}

/** `functools.partial(func, *args, **kwargs)`, as data. */
export interface PartialRecord {
  readonly kind: "partial";
  readonly func: unknown;
  readonly args: readonly unknown[];
  readonly kwargs: ReadonlyMap<unknown, unknown>;
}

export function isPartial(value: unknown): value is PartialRecord {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "partial";
}
