import { PickleFormatError } from "../errors.js";
import { type NumpyArray, isNumpyArray, isNumpyScalar } from "../pickle/numpy.js";
import {
  type Finalizer,
  type PickleContext,
  PickleGlobal,
  type PyInstance,
  describePy,
  isDict,
  isEnumMember,
  isPartial,
  isSequence,
} from "../pickle/values.js";

/** The element-wise functions of `nnbma.operators.base` (formerly `nnbma.preprocessing.base`). */
export type OperatorFunctionName = "id" | "log10" | "pow10" | "asinh" | "sinh";

export const OPERATOR_FUNCTIONS: readonly OperatorFunctionName[] = ["id", "log10", "pow10", "asinh", "sinh"];

/**
 * One of nnbma's element-wise functions. `asinh` and `sinh` take a scale `a` (default 1),
 * given through `functools.partial(asinh, a=…)`; the others have no parameter.
 */
export type OperatorFunction =
  | { readonly kind: "operator-function"; readonly name: "id" | "log10" | "pow10" }
  | { readonly kind: "operator-function"; readonly name: "asinh" | "sinh"; readonly a: number };

/** `nnbma.operators.normalization.NormTypes`. */
export type NormType = "NONE" | "MEAN0" | "STD1" | "MEAN0STD1" | "MIN0MAX1" | "MIN1MAX1";

export const NORM_TYPES: Readonly<Record<NormType, number>> = {
  NONE: 0,
  MEAN0: 1,
  STD1: 2,
  MEAN0STD1: 3,
  MIN0MAX1: 4,
  MIN1MAX1: 5,
};

/** Per-column statistics of a Normalizer (1-D numpy arrays, one value per column). */
export interface NormStats {
  readonly mean: NumpyArray;
  readonly std: NumpyArray;
  readonly min: NumpyArray;
  readonly max: NumpyArray;
}

/** An nnbma input or output transformer (`nnbma.operators.*`), as plain data. */
export type Transformer =
  | { readonly kind: "transformer"; readonly type: "Operator"; readonly fun: OperatorFunction }
  | {
      readonly kind: "transformer";
      readonly type: "ColumnwiseOperator";
      readonly nCols: number;
      /** One transformer per column, applied to that column alone. */
      readonly ops: readonly Transformer[];
    }
  | {
      readonly kind: "transformer";
      readonly type: "SequentialOperator";
      /** Applied in order: `ops[0]` first. */
      readonly ops: readonly Transformer[];
    }
  | {
      readonly kind: "transformer";
      readonly type: "Normalizer" | "InverseNormalizer";
      readonly normType: NormType;
      readonly stats: NormStats;
    };

export function isTransformer(value: unknown): value is Transformer {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "transformer";
}

/** Data attached to the globals of `nnbma.operators.base`. */
export interface OperatorFunctionData {
  readonly kind: "nnbma-function";
  readonly name: OperatorFunctionName;
}

function fail(ctx: PickleContext, message: string): PickleFormatError {
  return new PickleFormatError(ctx.file, `${ctx.file}: ${message}.`);
}

function attributes(instance: PyInstance, ctx: PickleContext): Map<unknown, unknown> {
  if (!isDict(instance.state)) {
    throw fail(ctx, `${instance.className} has state ${describePy(instance.state)}; expected a dict of attributes`);
  }
  return instance.state;
}

function attribute(instance: PyInstance, name: string, ctx: PickleContext): unknown {
  const attrs = attributes(instance, ctx);
  if (!attrs.has(name)) throw fail(ctx, `${instance.className} has no attribute "${name}"`);
  return attrs.get(name);
}

/** A function of `nnbma.operators.base`, possibly wrapped in `functools.partial(f, a=…)`. */
export function toOperatorFunction(value: unknown, ctx: PickleContext): OperatorFunction {
  if (value instanceof PickleGlobal) {
    const data = value.behaviour.data as OperatorFunctionData | undefined;
    if (data?.kind === "nnbma-function") {
      return data.name === "asinh" || data.name === "sinh"
        ? { kind: "operator-function", name: data.name, a: 1 }
        : { kind: "operator-function", name: data.name };
    }
  }
  if (isPartial(value) && value.func instanceof PickleGlobal) {
    const base = toOperatorFunction(value.func, ctx);
    const keys = [...value.kwargs.keys()];
    if (value.args.length === 0 && (base.name === "asinh" || base.name === "sinh") && keys.every((k) => k === "a")) {
      const a = value.kwargs.has("a") ? value.kwargs.get("a") : 1;
      const n = isNumpyScalar(a) ? Number(a.value) : a;
      if (typeof n !== "number" || !Number.isFinite(n) || n === 0) {
        throw fail(ctx, `${base.name}'s parameter a is ${describePy(a)}; expected a finite non-zero number`);
      }
      return { kind: "operator-function", name: base.name, a: n };
    }
    throw fail(
      ctx,
      `functools.partial of ${value.func.name} binds ${describePy(value.args)} and ${describePy(value.kwargs)}; expected only the keyword a of asinh or sinh`,
    );
  }
  throw fail(ctx, `an operator function is ${describePy(value)}; expected one of nnbma.operators.base.${OPERATOR_FUNCTIONS.join(", ")}`);
}

/** A transformer record, or a bare function promoted to `Operator(function)`. */
function toTransformer(value: unknown, ctx: PickleContext): Transformer {
  if (isTransformer(value)) return value;
  return { kind: "transformer", type: "Operator", fun: toOperatorFunction(value, ctx) };
}

function toTransformerList(value: unknown, owner: string, ctx: PickleContext): Transformer[] {
  if (!isSequence(value)) throw fail(ctx, `${owner}.ops is ${describePy(value)}; expected a list of operators`);
  return value.map((op) => toTransformer(op, ctx));
}

export const operatorFinalizer: Finalizer = (instance, ctx): Transformer => ({
  kind: "transformer",
  type: "Operator",
  fun: toOperatorFunction(attribute(instance, "fun", ctx), ctx),
});

export const columnwiseOperatorFinalizer: Finalizer = (instance, ctx): Transformer => {
  const ops = toTransformerList(attribute(instance, "ops", ctx), "ColumnwiseOperator", ctx);
  const attrs = attributes(instance, ctx);
  const nCols = attrs.has("n_cols") ? attrs.get("n_cols") : ops.length;
  if (nCols !== ops.length) {
    throw fail(ctx, `ColumnwiseOperator.n_cols is ${describePy(nCols)} but it holds ${ops.length} operators; expected them equal`);
  }
  return { kind: "transformer", type: "ColumnwiseOperator", nCols: ops.length, ops };
};

export const sequentialOperatorFinalizer: Finalizer = (instance, ctx): Transformer => ({
  kind: "transformer",
  type: "SequentialOperator",
  ops: toTransformerList(attribute(instance, "ops", ctx), "SequentialOperator", ctx),
});

function toStat(value: unknown, owner: string, name: string, ctx: PickleContext): NumpyArray {
  if (isNumpyArray(value) && value.shape.length === 1 && (value.dtype === "float32" || value.dtype === "float64")) {
    return value;
  }
  if (isSequence(value) && value.every((v) => typeof v === "number")) {
    return { kind: "numpy.ndarray", dtype: "float64", shape: [value.length], data: Float64Array.from(value as number[]) };
  }
  throw fail(ctx, `${owner}.stats["${name}"] is ${describePy(value)}; expected a 1-D float array with one value per column`);
}

/** Finalizer of `Normalizer` and `InverseNormalizer`. */
export function normalizerFinalizer(type: "Normalizer" | "InverseNormalizer"): Finalizer {
  return (instance, ctx): Transformer => {
    const member = attribute(instance, "norm_type", ctx);
    if (!isEnumMember(member) || !member.enumName.endsWith(".NormTypes") || !(member.name in NORM_TYPES)) {
      throw fail(ctx, `${type}.norm_type is ${describePy(member)}; expected a member of NormTypes (${Object.keys(NORM_TYPES).join(", ")})`);
    }
    const stats = attribute(instance, "stats", ctx);
    if (!isDict(stats)) throw fail(ctx, `${type}.stats is ${describePy(stats)}; expected a dict of mean, std, min, max`);
    const get = (name: string): NumpyArray => toStat(stats.get(name), type, name, ctx);
    const record: NormStats = { mean: get("mean"), std: get("std"), min: get("min"), max: get("max") };
    const widths = new Set(Object.values(record).map((s) => s.shape[0]));
    if (widths.size !== 1) {
      throw fail(ctx, `${type}.stats arrays have lengths ${[...widths].join(", ")}; expected one value per column in each`);
    }
    return { kind: "transformer", type, normType: member.name as NormType, stats: record };
  };
}

/** Float statistics as float64 values (float32 statistics are widened exactly). */
export function statValues(stat: NumpyArray): Float64Array {
  return stat.data instanceof Float64Array ? stat.data : Float64Array.from(stat.data as Float32Array);
}
