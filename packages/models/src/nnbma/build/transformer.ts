import { concat, take, type Tensor } from "@nabla/tensor";
import { TransformerShapeError } from "../../errors.js";
import type { NumpyArray } from "../../pickle/numpy.js";
import type { Transformer } from "../operators.js";
import { normalizerFunction } from "./normalizer.js";
import { describeOperatorFunction, operatorFunction } from "./operatorFunction.js";
import type { Placement } from "./tensors.js";

/**
 * An nnbma input or output transformer as a differentiable tensor function acting on the
 * last axis (`[columns]` or `[N, columns]`), as `nnbma.operators` computes it in NumPy:
 * an `Operator` on every column, a `ColumnwiseOperator` column by column (extra columns
 * dropped, as nnbma does), a `SequentialOperator` in list order, the normalizers.
 * `location` names the network in errors.
 */
export function transformerFunction(t: Transformer, location: string, on: Placement): (x: Tensor) => Tensor {
  switch (t.type) {
    case "Operator":
      return operatorFunction(t.fun);
    case "ColumnwiseOperator": {
      const ops = t.ops.map((op) => transformerFunction(op, location, on));
      return (x) => {
        const columns = x.shape[x.rank - 1]!;
        if (x.rank === 0 || columns < t.nCols) {
          throw new TransformerShapeError(
            location,
            `${location}: the ColumnwiseOperator has ${t.nCols} column operators but was given a tensor of shape [${x.shape.join(", ")}]; expected at least ${t.nCols} columns.`,
          );
        }
        return concat(
          ops.map((op, k) => op(take(x, [k], -1))),
          -1,
        );
      };
    }
    case "SequentialOperator": {
      const ops = t.ops.map((op) => transformerFunction(op, location, on));
      return (x) => ops.reduce((y, op) => op(y), x);
    }
    case "Normalizer":
    case "InverseNormalizer":
      return normalizerFunction(t, location, on);
  }
}

function pickStat(stat: NumpyArray, columns: readonly number[]): NumpyArray {
  if (stat.shape[0] === 1) return stat;
  const data = stat.data as Float32Array | Float64Array;
  const picked = stat.dtype === "float32" ? Float32Array.from(columns, (k) => data[k]!) : Float64Array.from(columns, (k) => data[k]!);
  return { ...stat, shape: [columns.length], data: picked } as NumpyArray;
}

/**
 * The transformer that acts on columns `columns` of what `t` acts on, as `t` acts on them:
 * a restricted network's output transformer. Column operators and normalization statistics
 * are picked; element-wise operators stay as they are.
 */
export function selectColumns(t: Transformer, columns: readonly number[], location: string): Transformer {
  switch (t.type) {
    case "Operator":
      return t;
    case "ColumnwiseOperator": {
      const bad = columns.find((k) => k >= t.nCols);
      if (bad !== undefined) {
        throw new TransformerShapeError(location, `${location}: the ColumnwiseOperator has ${t.nCols} column operators; column ${bad} has none.`);
      }
      return { ...t, nCols: columns.length, ops: columns.map((k) => t.ops[k]!) };
    }
    case "SequentialOperator":
      return { ...t, ops: t.ops.map((op) => selectColumns(op, columns, location)) };
    case "Normalizer":
    case "InverseNormalizer": {
      const width = t.stats.mean.shape[0]!;
      const bad = columns.find((k) => k >= width && width !== 1);
      if (bad !== undefined) {
        throw new TransformerShapeError(location, `${location}: the ${t.type} has statistics for ${width} columns; column ${bad} has none.`);
      }
      const s = t.stats;
      return {
        ...t,
        stats: { mean: pickStat(s.mean, columns), std: pickStat(s.std, columns), min: pickStat(s.min, columns), max: pickStat(s.max, columns) },
      };
    }
  }
}

/** How nnbma prints a transformer (`SequentialOperator: [ColumnwiseOperator: [log10, …], Normalizer: NormTypes.MEAN0STD1]`). */
export function describeTransformer(t: Transformer): string {
  switch (t.type) {
    case "Operator":
      return `Operator: ${describeOperatorFunction(t.fun)}`;
    case "ColumnwiseOperator":
      return `ColumnwiseOperator: [${t.ops.map((op) => (op.type === "Operator" ? describeOperatorFunction(op.fun) : describeTransformer(op))).join(", ")}]`;
    case "SequentialOperator":
      return `SequentialOperator: [${t.ops.map(describeTransformer).join(", ")}]`;
    case "Normalizer":
      return `Normalizer: NormTypes.${t.normType}`;
    case "InverseNormalizer":
      return `Inverse normalizer: NormTypes.${t.normType}`;
  }
}
