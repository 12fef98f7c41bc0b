/**
 * The allow-list of pickle globals. Each allowed `"module.Name"` maps to a behaviour that
 * builds plain data (a Map, a typed record, a reference); nothing is ever imported or run.
 * Any other global is refused with `UnsupportedPickleGlobalError`.
 */
import { PickleFormatError, UnsupportedActivationError, UnsupportedPickleGlobalError } from "../errors.js";
import {
  OPERATOR_FUNCTIONS,
  NORM_TYPES,
  type OperatorFunctionData,
  columnwiseOperatorFinalizer,
  normalizerFinalizer,
  operatorFinalizer,
  sequentialOperatorFinalizer,
} from "../nnbma/operators.js";
import { ACTIVATION_CLASSES, activationFinalizer } from "../torch/activations.js";
import { TORCH_STORAGE_TYPES, rebuildParameter, rebuildTensorV2, torchSize } from "../torch/records.js";
import { numpyDtype, numpyFromBuffer, numpyReconstruct, numpyScalar } from "./numpy.js";
import {
  type EnumMember,
  type Finalizer,
  type GlobalBehaviour,
  type PartialRecord,
  type PickleContext,
  PickleGlobal,
  PyInstance,
  describePy,
  isDict,
  isSequence,
  isTuple,
} from "./values.js";

/** The nnbma network classes an `init.pkl` may name. */
export type NnbmaArchitecture = "FullyConnected" | "DenselyConnected" | "PolynomialNetwork" | "MergingNetwork" | "EmbeddingNetwork";

/** Data attached to the global of an nnbma network class. */
export interface NetworkClassData {
  readonly kind: "nnbma-network-class";
  readonly architecture: NnbmaArchitecture;
}

/** Data attached to the global of a Python Enum class. */
export interface EnumClassData {
  readonly kind: "enum-class";
  readonly members: Readonly<Record<string, number>>;
}

function fail(ctx: PickleContext, message: string): PickleFormatError {
  return new PickleFormatError(ctx.file, `${ctx.file}: ${message}.`);
}

/** A class whose instances are built by NEWOBJ/REDUCE (+ BUILD) and finalized into a record. */
function instanceClass(className: string, finalizer: Finalizer): GlobalBehaviour {
  return {
    call: (args) => new PyInstance(className, args, new Map(), finalizer),
    construct: (args, kwargs) => new PyInstance(className, args, kwargs, finalizer),
  };
}

function orderedDictFrom(args: readonly unknown[], ctx: PickleContext): Map<unknown, unknown> {
  const out = new Map<unknown, unknown>();
  const init = args[0];
  if (init === undefined || init === null) return out;
  if (isDict(init)) return new Map(init);
  if (isSequence(init)) {
    for (const pair of init) {
      if (!isSequence(pair) || pair.length !== 2) throw fail(ctx, `OrderedDict items must be pairs, found ${describePy(pair)}`);
      out.set(pair[0], pair[1]);
    }
    return out;
  }
  throw fail(ctx, `OrderedDict cannot be built from ${describePy(init)}`);
}

function setFrom(args: readonly unknown[], ctx: PickleContext): Set<unknown> {
  const init = args[0];
  if (init === undefined) return new Set();
  if (isSequence(init) || init instanceof Set) return new Set(init);
  throw fail(ctx, `set cannot be built from ${describePy(init)}`);
}

function latin1Bytes(text: string, encoding: unknown, ctx: PickleContext): Uint8Array {
  if (encoding !== "latin1" && encoding !== "latin-1") {
    throw fail(ctx, `only latin-1 encoded bytes are read, found encoding ${describePy(encoding)}`);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw fail(ctx, "a latin-1 string holds a character above U+00FF");
    out[i] = c;
  }
  return out;
}

const finalizePartial: Finalizer = (instance, ctx): PartialRecord => {
  let func: unknown = instance.args[0];
  let args: readonly unknown[] = instance.args.slice(1);
  let kwargs: ReadonlyMap<unknown, unknown> = instance.kwargs;
  const state = instance.state;
  if (state !== undefined) {
    if (!isTuple(state) || state.length !== 4) throw fail(ctx, `functools.partial state is ${describePy(state)}; expected a 4-tuple`);
    func = state[0];
    args = isSequence(state[1]) ? state[1] : [];
    kwargs = isDict(state[2]) ? state[2] : new Map();
  }
  return { kind: "partial", func, args, kwargs };
};

function enumClass(enumName: string, members: Readonly<Record<string, number>>): GlobalBehaviour {
  const data: EnumClassData = { kind: "enum-class", members };
  return {
    data,
    // `EnumClass(value)`: how Python < 3.11 pickles a member.
    call: (args, ctx) => {
      const entry = Object.entries(members).find(([, v]) => v === args[0]);
      if (!entry) throw fail(ctx, `${describePy(args[0])} is not a value of ${enumName}`);
      const member: EnumMember = { kind: "enum", enumName, name: entry[0], value: entry[1] };
      return member;
    },
  };
}

/** `getattr(EnumClass, "NAME")`: how Python ≥ 3.11 pickles an Enum member. Only that use is allowed. */
const getattrOfEnum: GlobalBehaviour = {
  call: (args, ctx) => {
    const [target, attr] = args;
    const data = target instanceof PickleGlobal ? (target.behaviour.data as EnumClassData | undefined) : undefined;
    if (!(target instanceof PickleGlobal) || data?.kind !== "enum-class") {
      throw fail(ctx, `getattr is only read on an allowed Enum class, found getattr(${describePy(target)}, ${describePy(attr)})`);
    }
    if (typeof attr !== "string" || !Object.hasOwn(data.members, attr)) {
      throw fail(ctx, `${describePy(attr)} is not a member of ${target.name}; expected one of ${Object.keys(data.members).join(", ")}`);
    }
    const member: EnumMember = { kind: "enum", enumName: target.name, name: attr, value: data.members[attr]! };
    return member;
  },
};

function build(): Map<string, PickleGlobal> {
  const table = new Map<string, PickleGlobal>();
  const allow = (name: string, behaviour: GlobalBehaviour): void => {
    table.set(name, new PickleGlobal(name, behaviour));
  };
  const ref = (name: string): PickleGlobal => table.get(name)!;

  // ---- Python built-ins that are plain data ----------------------------------
  allow("collections.OrderedDict", {
    call: (args, ctx) => orderedDictFrom(args, ctx),
    construct: (args, _kwargs, ctx) => orderedDictFrom(args, ctx),
  });
  allow("builtins.set", { call: setFrom, construct: (args, _k, ctx) => setFrom(args, ctx) });
  allow("builtins.frozenset", { call: setFrom, construct: (args, _k, ctx) => setFrom(args, ctx) });
  allow("builtins.bytearray", {
    call: (args, ctx) => {
      const [init, encoding] = args;
      if (init === undefined) return new Uint8Array(0);
      if (init instanceof Uint8Array) return init.slice();
      if (typeof init === "string") return latin1Bytes(init, encoding, ctx);
      throw fail(ctx, `bytearray cannot be built from ${describePy(init)}`);
    },
  });
  allow("builtins.object", {});
  allow("builtins.getattr", getattrOfEnum);
  allow("_codecs.encode", {
    call: (args, ctx) => {
      if (typeof args[0] !== "string") throw fail(ctx, `_codecs.encode needs a str, found ${describePy(args[0])}`);
      return latin1Bytes(args[0], args[1], ctx);
    },
  });
  allow("copyreg._reconstructor", {
    // Protocols 0 and 1: `_reconstructor(cls, object, None)` is `object.__new__(cls)`.
    call: (args, ctx) => {
      const [cls, base, state] = args;
      if (base !== ref("builtins.object") || state !== null || !(cls instanceof PickleGlobal) || !cls.behaviour.construct) {
        throw fail(
          ctx,
          `copyreg._reconstructor(${describePy(cls)}, ${describePy(base)}, ${describePy(state)}) is not supported; expected an allowed class built on object`,
        );
      }
      return cls.behaviour.construct([], new Map(), ctx);
    },
  });
  allow("functools.partial", instanceClass("functools.partial", finalizePartial));

  // ---- torch -----------------------------------------------------------------
  allow("torch._utils._rebuild_tensor_v2", rebuildTensorV2);
  allow("torch._utils._rebuild_parameter", rebuildParameter);
  allow("torch._utils._rebuild_parameter_with_state", rebuildParameter);
  allow("torch.Size", torchSize);
  for (const storage of TORCH_STORAGE_TYPES) allow(storage.name, { data: storage });
  for (const [className, type] of Object.entries(ACTIVATION_CLASSES)) {
    allow(className, instanceClass(className, activationFinalizer(type)));
  }

  // ---- numpy (numpy 1 `numpy.core`, numpy 2 `numpy._core`) --------------------
  allow("numpy.ndarray", {});
  allow("numpy.dtype", numpyDtype);
  for (const core of ["numpy.core", "numpy._core"]) {
    allow(
      `${core}.multiarray._reconstruct`,
      numpyReconstruct(() => ref("numpy.ndarray")),
    );
    allow(`${core}.multiarray.scalar`, numpyScalar);
    allow(`${core}.numeric._frombuffer`, numpyFromBuffer);
  }

  // ---- nnbma -------------------------------------------------------------------
  const networks: ReadonlyArray<[string, NnbmaArchitecture]> = [
    ["nnbma.networks.fully_connected.FullyConnected", "FullyConnected"],
    ["nnbma.networks.densely_connected.DenselyConnected", "DenselyConnected"],
    ["nnbma.networks.polynomial_network.PolynomialNetwork", "PolynomialNetwork"],
    ["nnbma.networks.merging_network.MergingNetwork", "MergingNetwork"],
    ["nnbma.networks.embedding_network.EmbeddingNetwork", "EmbeddingNetwork"],
  ];
  for (const [name, architecture] of networks) {
    const data: NetworkClassData = { kind: "nnbma-network-class", architecture };
    allow(name, { data });
  }
  for (const fn of OPERATOR_FUNCTIONS) {
    const data: OperatorFunctionData = { kind: "nnbma-function", name: fn };
    allow(`nnbma.operators.base.${fn}`, { data });
  }
  allow("nnbma.operators.operator.Operator", instanceClass("nnbma.operators.operator.Operator", operatorFinalizer));
  allow("nnbma.operators.operator.ColumnwiseOperator", instanceClass("nnbma.operators.operator.ColumnwiseOperator", columnwiseOperatorFinalizer));
  allow("nnbma.operators.operator.SequentialOperator", instanceClass("nnbma.operators.operator.SequentialOperator", sequentialOperatorFinalizer));
  allow("nnbma.operators.normalization.Normalizer", instanceClass("nnbma.operators.normalization.Normalizer", normalizerFinalizer("Normalizer")));
  allow(
    "nnbma.operators.normalization.InverseNormalizer",
    instanceClass("nnbma.operators.normalization.InverseNormalizer", normalizerFinalizer("InverseNormalizer")),
  );
  allow("nnbma.operators.normalization.NormTypes", enumClass("nnbma.operators.normalization.NormTypes", NORM_TYPES));
  return table;
}

/** Immutable: built once, shared, never modified. */
const ALLOWED: ReadonlyMap<string, PickleGlobal> = build();

/** Module renames: Python 2 names, and nnbma's former `preprocessing` package. */
function canonicalModule(module: string): string {
  if (module === "__builtin__") return "builtins";
  if (module === "copy_reg") return "copyreg";
  if (module === "nnbma.preprocessing" || module.startsWith("nnbma.preprocessing.")) {
    return "nnbma.operators" + module.slice("nnbma.preprocessing".length);
  }
  return module;
}

/**
 * The allowed global `module.name`, or an `UnsupportedPickleGlobalError` naming it and the file.
 * Unknown `torch.nn.modules.*` classes get an `UnsupportedActivationError` listing the supported ones.
 */
export function resolveAllowedGlobal(module: string, name: string, ctx: PickleContext): PickleGlobal {
  const found = ALLOWED.get(`${canonicalModule(module)}.${name}`);
  if (found) return found;
  const full = `${module}.${name}`;
  if (module.startsWith("torch.nn.modules.")) {
    throw new UnsupportedActivationError(full, ctx.file, Object.keys(ACTIVATION_CLASSES));
  }
  throw new UnsupportedPickleGlobalError(full, ctx.file);
}

/** Every allowed global, as `"module.Name"` (the former `nnbma.preprocessing.*` paths map to `nnbma.operators.*`). */
export function allowedPickleGlobals(): string[] {
  return [...ALLOWED.keys()];
}
