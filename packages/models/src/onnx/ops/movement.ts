/** Constants and shape movement: Constant, Identity, Flatten, Concat, Reshape. */
import { concat, reshape, type Tensor } from "@nabla/tensor";
import { HostTensor } from "../constant.js";
import type { OpHandler } from "../handler.js";

/** `value` (a tensor), `value_float(s)` or `value_int(s)`; sparse and string values are refused. */
export const Constant: OpHandler = (ctx) => {
  const a = ctx.attributes;
  const tensorValue = a.tensor("value");
  if (tensorValue !== undefined) return tensorValue;
  if (a.has("value_float")) return new HostTensor([], Float64Array.of(a.float("value_float", 0)), "FLOAT");
  if (a.has("value_int")) return new HostTensor([], Float64Array.of(a.int("value_int", 0)), "INT64");
  const floats = a.floats("value_floats");
  if (floats !== undefined) return new HostTensor([floats.length], Float64Array.from(floats), "FLOAT");
  const ints = a.ints("value_ints");
  if (ints !== undefined) return new HostTensor([ints.length], Float64Array.from(ints), "INT64");
  return ctx.fail(
    `has ${a.names.length === 0 ? "no attribute" : `attributes ${a.names.join(", ")}`}; expected one of value, value_float, value_floats, value_int, value_ints.`,
  );
};

export const Identity: OpHandler = (ctx) => ctx.input(0);

/** To 2-D: dimensions before `axis` (default 1) times those from it on. */
export const Flatten: OpHandler = (ctx) => {
  const x = ctx.input(0);
  const rank = x.rank;
  let axis = ctx.attributes.int("axis", 1);
  if (axis < -rank || axis > rank)
    ctx.fail(`attribute "axis" is ${axis}; expected an axis in [${-rank}, ${rank}] for an input of shape [${x.shape.join(", ")}].`);
  if (axis < 0) axis += rank;
  const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);
  return reshape(x, [product(x.shape.slice(0, axis)), product(x.shape.slice(axis))]);
};

/** Joins the inputs along `axis` (required; negative counts from the end). */
export const Concat: OpHandler = (ctx) => {
  const inputs: Tensor[] = [];
  for (let i = 0; i < ctx.inputCount; i++) inputs.push(ctx.input(i));
  if (inputs.length === 0) ctx.fail("has no inputs; expected at least one.");
  const rank = inputs[0]!.rank;
  const axis = ctx.attributes.requiredInt("axis");
  if (axis < -rank || axis >= rank) ctx.fail(`attribute "axis" is ${axis}; expected an axis in [${-rank}, ${rank - 1}] for inputs of rank ${rank}.`);
  return inputs.length === 1 ? inputs[0]! : concat(inputs, axis < 0 ? axis + rank : axis);
};

/**
 * To the shape given by the second input, which must be constant: 0 copies the input's
 * dimension (unless `allowzero` is 1), −1 is inferred.
 */
export const Reshape: OpHandler = (ctx) => {
  const x = ctx.input(0);
  const shape = ctx.constant(1);
  if (shape === undefined) {
    return ctx.fail(
      "its shape input is computed in the graph; only a constant shape (an initializer, a Constant node, or values folded from them) is supported.",
    );
  }
  if (shape.dims.length !== 1) ctx.fail(`its shape input has dims [${shape.dims.join(", ")}]; expected a 1-D list of dimensions.`);
  const allowZero = ctx.attributes.int("allowzero", 0) === 1;
  const target = Array.from(shape.values, (d, i) =>
    d === 0 && !allowZero
      ? (x.shape[i] ?? ctx.fail(`shape [${shape.values.join(", ")}] copies dimension ${i}, which an input of shape [${x.shape.join(", ")}] lacks.`))
      : d,
  );
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1 || target.some((d) => !Number.isInteger(d) || d < -1)) {
    ctx.fail(`shape [${shape.values.join(", ")}] is invalid; expected non-negative dimensions and at most one −1.`);
  }
  if (unknown === 1) {
    const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
    if (known === 0 || x.size % known !== 0) ctx.fail(`cannot reshape [${x.shape.join(", ")}] to [${shape.values.join(", ")}].`);
    target[target.indexOf(-1)] = x.size / known;
  }
  if (target.reduce((a, b) => a * b, 1) !== x.size) ctx.fail(`cannot reshape [${x.shape.join(", ")}] (${x.size} values) to [${target.join(", ")}].`);
  return reshape(x, target);
};
