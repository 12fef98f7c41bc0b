/**
 * An ONNX file as a `Model`: the graph evaluated with tensor operations in float64, so every
 * transform (vmap, jacrev, hessian, …) applies.
 */
import { evalShape, vmap } from "@nabla/autodiff";
import { concat, reshape, take, zeros, type Tensor } from "@nabla/tensor";
import { InputShapeError, OnnxFormatError, OnnxGraphError } from "../errors.js";
import { defaultNames, type Model } from "../model.js";
import { resolveOutputs } from "../outputSelection.js";
import { constantTensor, runGraph } from "./interpret.js";
import { planGraph, type GraphPlan, type GraphValue } from "./plan.js";
import { restrictPlan } from "./restrict.js";
import { decodeOnnxModel, type OnnxModelProto } from "./schema.js";

/** What does not change when a model is restricted. */
interface OnnxBase {
  readonly file: string;
  readonly model: OnnxModelProto;
  readonly plan: GraphPlan;
  /** 2: the graph input is [batch, n]; 1: it is [n]. */
  readonly inputRank: 1 | 2;
  readonly inputs: readonly string[];
  /** Every output of the unrestricted graph. */
  readonly outputs: readonly string[];
  /** Whether the graph has one output whose last axis holds every output (so its last layer can be cut). */
  readonly oneOutputAxis: boolean;
}

const formatDims = (value: GraphValue): string => (value.dims === undefined ? "(no shape)" : `[${value.dims.map((d) => d ?? "?").join(", ")}]`);

/** Names from the model's metadata (`inputs_names` / `outputs_names`, JSON lists of strings), when given. */
function metadataNames(model: OnnxModelProto, key: string, count: number, file: string): string[] | undefined {
  const entry = model.metadataProps.find((p) => p.key === key);
  if (entry === undefined) return undefined;
  let names: unknown;
  try {
    names = JSON.parse(entry.value);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || names.length !== count || !names.every((n) => typeof n === "string")) {
    throw new OnnxFormatError(file, `${file}: metadata "${key}" is ${JSON.stringify(entry.value)}; expected a JSON list of ${count} strings.`);
  }
  return names as string[];
}

/** The function from the graph input ([batch, n] or [n]) to all its outputs, flattened and joined. */
function graphFunction(plan: GraphPlan, inputRank: 1 | 2): (x: Tensor) => Tensor {
  const constants = new Map([...plan.constants].map(([name, value]) => [name, constantTensor(value)] as const));
  return (x) => {
    const ys = runGraph(plan, x, constants).map((y) => (inputRank === 2 ? reshape(y, [y.shape[0] ?? 1, -1]) : reshape(y, [-1])));
    return ys.length === 1 ? ys[0]! : concat(ys, inputRank - 1);
  };
}

class OnnxModel implements Model {
  readonly format = "onnx" as const;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  private readonly run: (x: Tensor) => Tensor;

  constructor(
    private readonly base: OnnxBase,
    /** The outputs kept, as indices into `base.outputs`; undefined when all are. */
    private readonly selection: readonly number[] | undefined,
    /** The graph to run; the last layer cut to `selection` when `restrictedLayer` is set. */
    plan: GraphPlan,
    private readonly restrictedLayer: string | undefined,
  ) {
    this.inputs = base.inputs;
    this.outputs = selection === undefined ? base.outputs : selection.map((i) => base.outputs[i]!);
    const graph = graphFunction(plan, base.inputRank);
    const columns = selection !== undefined && restrictedLayer === undefined ? Int32Array.from(selection) : undefined;
    this.run = columns === undefined ? graph : (x) => take(graph(x), columns, -1);
  }

  /** [nIn] → [nOut], [N, nIn] → [N, nOut] (bound). */
  readonly forward = (x: Tensor): Tensor => {
    const n = this.inputs.length;
    if ((x.rank !== 1 && x.rank !== 2) || x.shape[x.rank - 1] !== n) throw new InputShapeError(this.base.file, "forward", n, x.shape);
    if (this.base.inputRank === 2) return x.rank === 2 ? this.run(x) : reshape(this.run(reshape(x, [1, n])), [this.outputs.length]);
    return x.rank === 1 ? this.run(x) : vmap(this.run)(x);
  };

  /** The same as `forward`: ONNX models have no transformers here. */
  readonly physical = this.forward;

  /** The same as `forward`: ONNX models have no transformers here. */
  readonly evaluate = this.forward;

  restrict(outputs: readonly (string | number)[]): Model {
    const picked = resolveOutputs(outputs, this.outputs, this.base.file);
    const selection = picked.map((i) => (this.selection === undefined ? i : this.selection[i]!));
    const cut = this.base.oneOutputAxis ? restrictPlan(this.base.plan, this.base.outputs.length, selection) : undefined;
    return new OnnxModel(this.base, selection, cut?.plan ?? this.base.plan, cut?.layer);
  }

  summary(): string {
    const { file, model, plan } = this.base;
    const list = (names: readonly string[]): string => (names.length > 8 ? `${names.slice(0, 8).join(", ")}, … (${names.length})` : names.join(", "));
    const counts = [...plan.opCounts].sort(([a], [b]) => a.localeCompare(b)).map(([op, n]) => `${op} ${n}`);
    const nodeCount = [...plan.opCounts.values()].reduce((a, b) => a + b, 0);
    const weights = model.graph!.initializer.reduce((a, t) => a + t.dims.reduce((x, y) => x * y, 1), 0);
    const producer = [model.producerName, model.producerVersion].filter((s) => s !== "").join(" ") || "unknown producer";
    const lines = [
      `ONNX model ${file} (${producer}, IR version ${model.irVersion}${plan.opset === undefined ? "" : `, opset ${plan.opset}`})`,
      `  input:   "${plan.input.name}" ${formatDims(plan.input)} → ${list(this.inputs)}`,
      `  outputs: ${plan.outputs.map((o) => `"${o.name}" ${formatDims(o)}`).join(", ")} → ${list(this.base.outputs)}`,
      `  nodes:   ${nodeCount} (${counts.join(", ")}); ${plan.nodes.length} left after folding constants`,
      `  weights: ${weights.toLocaleString("en-US")} values in ${model.graph!.initializer.length} initializers`,
    ];
    if (this.selection !== undefined) {
      lines.push(
        `  restricted to ${list(this.outputs)}: ${this.restrictedLayer === undefined ? "columns taken from the full output" : `rows of ${this.restrictedLayer}`}`,
      );
    }
    return lines.join("\n");
  }
}

/**
 * Opens an ONNX model (the bytes of a `.onnx` file) as a `Model` computing in float64. The
 * graph must have one input, `[batch, n]` or `[n]` with `n` fixed, and use the operators of
 * an exported MLP (see `supportedOnnxOps()`). Input names are `x1…xn` and output names
 * `y1…` (one graph output) or the graph outputs' names, unless the model's metadata gives
 * `inputs_names` / `outputs_names` as JSON lists. `file` names the model in errors.
 */
export function loadOnnx(bytes: Uint8Array, file = "model.onnx"): Model {
  const model = decodeOnnxModel(bytes, file);
  const plan = planGraph(model, file);
  const dims = plan.input.dims;
  const n = dims?.[dims.length - 1];
  if (dims === undefined || (dims.length !== 1 && dims.length !== 2) || typeof n !== "number") {
    throw new OnnxGraphError(
      file,
      `${file}: the graph input "${plan.input.name}" has shape ${formatDims(plan.input)}; expected [batch, n] or [n] with a fixed n.`,
    );
  }
  const inputRank = dims.length as 1 | 2;

  // Output widths, from the shapes alone (this also checks every node's shapes).
  const constants = new Map([...plan.constants].map(([name, value]) => [name, constantTensor(value)] as const));
  const probe = evalShape((x: Tensor) => runGraph(plan, x, constants), zeros(inputRank === 2 ? [1, n] : [n]));
  const widths = probe.map((y) => y.shape.slice(inputRank - 1).reduce((a, b) => a * b, 1));
  const total = widths.reduce((a, b) => a + b, 0);

  const defaultOutputs =
    plan.outputs.length === 1
      ? defaultNames("y", total)
      : plan.outputs.flatMap((o, i) => (widths[i] === 1 ? [o.name] : Array.from({ length: widths[i]! }, (_, k) => `${o.name}_${k + 1}`)));
  const base: OnnxBase = {
    file,
    model,
    plan,
    inputRank,
    inputs: metadataNames(model, "inputs_names", n, file) ?? defaultNames("x", n),
    outputs: metadataNames(model, "outputs_names", total, file) ?? defaultOutputs,
    oneOutputAxis: probe.length === 1 && probe[0]!.rank === inputRank,
  };
  return new OnnxModel(base, undefined, plan, undefined);
}
