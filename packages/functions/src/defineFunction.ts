import { broadcastTo, formatShape, stack, take, tensor, Tensor, type TensorLike, count } from "@nabla/tensor";
import type { AnalyticFunction } from "./analyticFunction.js";
import { FunctionDefinitionError, InputShapeError } from "./errors.js";

/** An analytic function described by its outputs as formulas of its input columns. */
export interface FunctionDefinition extends Omit<AnalyticFunction, "f"> {
  /**
   * The outputs, in the order of `outputs`, from the input columns, in the order
   * of `inputs`. Each column has the batch shape (`[]` for one point, `[N]` for
   * a batch); each output has that shape too, or is a number (a constant).
   * Written with tensor ops only, it is differentiable to any order.
   */
  readonly formula: (columns: readonly Tensor[]) => readonly TensorLike[];
}

function check(def: FunctionDefinition): void {
  const fail = (what: string): never => {
    throw new FunctionDefinitionError(`function "${def.id}": ${what}`);
  };
  if (def.id.length === 0) throw new FunctionDefinitionError("a function needs a non-empty id");
  const n = def.inputs.length;
  if (n === 0) fail("expected at least one input");
  if (def.outputs.length === 0) fail("expected at least one output");
  const names = new Set<string>();
  for (const name of def.inputs) {
    if (names.has(name)) fail(`input "${name}" is named twice; expected distinct input names`);
    names.add(name);
  }
  const perInput = { ranges: def.ranges, defaults: def.defaults, scales: def.scales, units: def.units };
  for (const [key, list] of Object.entries(perInput)) {
    if (list !== undefined && list.length !== n)
      fail(`${key} has ${count(list.length, "entry", "entries")} but the function has ${count(n, "input")} (${def.inputs.join(", ")})`);
  }
  def.inputs.forEach((name, i) => {
    const [low, high] = def.ranges[i]!;
    const value = def.defaults[i]!;
    if (!(Number.isFinite(low) && Number.isFinite(high) && low < high))
      fail(`the range of "${name}" is [${low}, ${high}]; expected finite bounds with low < high`);
    if (def.scales?.[i] === "log" && !(low > 0)) fail(`"${name}" is sampled on a log scale but its range [${low}, ${high}] is not positive`);
    if (!(value >= low && value <= high)) fail(`the default of "${name}" is ${value}, outside its range [${low}, ${high}]`);
  });
}

/**
 * Builds an `AnalyticFunction` from a formula of the input columns, checking
 * the description and following the function convention (one point or a
 * batch on the last axis; constants broadcast to the batch).
 *
 *     defineFunction({ id: "sq", title: "Square", latex: "x \\longmapsto x^2",
 *       inputs: ["x"], outputs: ["f"], ranges: [[-1, 1]], defaults: [0],
 *       formula: ([x]) => [square(x!)] });
 */
export function defineFunction(def: FunctionDefinition): AnalyticFunction {
  check(def);
  const { id, inputs, outputs, formula } = def;
  const n = inputs.length;
  const f = (x: Tensor): Tensor => {
    if (x.rank === 0 || x.shape[x.rank - 1] !== n) {
      throw new InputShapeError(
        `${id}: x has shape ${formatShape(x.shape)}; expected [${n}] or [N, ${n}] (inputs ${inputs.join(", ")} on the last axis)`,
      );
    }
    const batch = x.shape.slice(0, -1);
    const values = formula(inputs.map((_, i) => take(x, i, -1)));
    if (values.length !== outputs.length) {
      throw new FunctionDefinitionError(
        `${id}: the formula gave ${count(values.length, "output")}; expected ${outputs.length} (${outputs.join(", ")})`,
      );
    }
    const like = { dtype: x.dtype, backend: x.backend };
    return stack(
      values.map((v) => broadcastTo(v instanceof Tensor ? v : tensor(v, [], like), batch)),
      -1,
    );
  };
  const copy = <T>(list: readonly T[] | undefined): readonly T[] | undefined => list && Object.freeze([...list]);
  return Object.freeze({
    id,
    title: def.title,
    latex: def.latex,
    inputs: copy(inputs)!,
    outputs: copy(outputs)!,
    ranges: Object.freeze(def.ranges.map(([low, high]) => Object.freeze([low, high] as const))),
    defaults: copy(def.defaults)!,
    ...(def.scales && { scales: copy(def.scales)! }),
    ...(def.units && { units: copy(def.units)! }),
    f,
  });
}
