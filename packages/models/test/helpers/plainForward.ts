/**
 * A plain float64 evaluation of a network spec, one point at a time, written from
 * FORWARD.md alone. It exists to check that those notes reproduce PyTorch's values
 * (testdata/reference); the real, differentiable version is built from tensors elsewhere.
 */
import type { Activation, NnbmaNetworkSpec, StateTensor, Transformer } from "../../src/index.js";
import { statValues, tensorToFloat64 } from "../../src/index.js";

/** erf(x) to about 1e-16 relative: a series with positive terms, exact enough for the checks. */
export function erf(x: number): number {
  if (Math.abs(x) > 6) return Math.sign(x);
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
}

export function activate(a: Activation, v: number): number {
  switch (a.type) {
    case "ReLU":
      return v > 0 ? v : 0;
    case "LeakyReLU":
      return v > 0 ? v : a.negativeSlope * v;
    case "ELU":
      return v > 0 ? v : a.alpha * Math.expm1(v);
    case "GELU":
      return a.approximate === "none"
        ? 0.5 * v * (1 + erf(v / Math.SQRT2))
        : 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
    case "Tanh":
      return Math.tanh(v);
    case "Sigmoid":
      return 1 / (1 + Math.exp(-v));
    case "SiLU":
      return v / (1 + Math.exp(-v));
    case "Softplus":
      return a.beta * v > a.threshold ? v : Math.log1p(Math.exp(a.beta * v)) / a.beta;
    case "Softsign":
      return v / (1 + Math.abs(v));
    case "Identity":
      return v;
  }
}

const f64 = (t: StateTensor): Float64Array => tensorToFloat64(t);

function linear(weight: StateTensor, bias: StateTensor | null, x: Float64Array, rows?: readonly number[]): Float64Array {
  const [out, inF] = weight.shape as [number, number];
  const w = f64(weight);
  const b = bias ? f64(bias) : null;
  const selected = rows ?? Array.from({ length: out }, (_, i) => i);
  const y = new Float64Array(selected.length);
  selected.forEach((r, i) => {
    let s = 0;
    for (let j = 0; j < inF; j++) s += w[r * inF + j]! * x[j]!;
    y[i] = s + (b ? b[r]! : 0);
  });
  return y;
}

/** `forward` of the spec on one point; `rows` restricts the outputs (restrict_to_output_subset). */
export function plainForward(spec: NnbmaNetworkSpec, x: Float64Array, rows?: readonly number[]): Float64Array {
  switch (spec.architecture) {
    case "FullyConnected":
    case "DenselyConnected": {
      let h = x;
      for (const layer of spec.hiddenLayers) {
        let y = linear(layer.linear.weight, layer.linear.bias, h);
        if (layer.batchNorm) {
          const bn = layer.batchNorm;
          const [w, b, m, v] = [f64(bn.weight), f64(bn.bias), f64(bn.runningMean), f64(bn.runningVar)];
          y = y.map((yi, i) => ((yi - m[i]!) / Math.sqrt(v[i]! + bn.eps)) * w[i]! + b[i]!);
        }
        y = y.map((yi) => activate(spec.activation, yi));
        h = spec.architecture === "FullyConnected" ? y : Float64Array.from([...h, ...y]);
      }
      return linear(spec.outputLayer.weight, spec.outputLayer.bias, h, rows);
    }
    case "PolynomialNetwork": {
      const e = spec.expansion;
      const [means, stds] = [f64(e.means), f64(e.stds)];
      const z = Float64Array.from(e.monomials, (factors, c) => {
        let p = 1;
        for (let k = factors.length - 1; k >= 0; k--) p *= x[factors[k]!]!;
        return (p - means[c]!) / stds[c]!;
      });
      return plainForward(spec.subnetwork, z, rows);
    }
    case "MergingNetwork": {
      const all = spec.subnetworks.flatMap((net) => [...plainForward(net, x)]);
      return Float64Array.from(rows ?? spec.indices.map((_, k) => k), (k) => all[spec.indices[k]!]!);
    }
  }
}

function applyFunction(t: Transformer & { type: "Operator" }, v: number): number {
  const f = t.fun;
  switch (f.name) {
    case "id":
      return v;
    case "log10":
      return Math.log10(v);
    case "pow10":
      return 10 ** v;
    case "asinh":
      return f.a * Math.asinh(v / f.a);
    case "sinh":
      return f.a * Math.sinh(v / f.a);
  }
}

/** A transformer on one row of values. */
export function plainTransform(t: Transformer, row: Float64Array): Float64Array {
  switch (t.type) {
    case "Operator":
      return row.map((v) => applyFunction(t, v));
    case "ColumnwiseOperator":
      return Float64Array.from(t.ops, (op, k) => plainTransform(op, Float64Array.of(row[k]!))[0]!);
    case "SequentialOperator":
      return t.ops.reduce((r, op) => plainTransform(op, r), row);
    case "Normalizer":
    case "InverseNormalizer": {
      const [mean, std, min, max] = [t.stats.mean, t.stats.std, t.stats.min, t.stats.max].map(statValues) as [
        Float64Array,
        Float64Array,
        Float64Array,
        Float64Array,
      ];
      const inverse = t.type === "InverseNormalizer";
      return row.map((v, k) => {
        switch (t.normType) {
          case "NONE":
            return v;
          case "MEAN0":
            return inverse ? v + mean[k]! : v - mean[k]!;
          case "STD1":
            return inverse ? v * std[k]! : v / std[k]!;
          case "MEAN0STD1":
            return inverse ? v * std[k]! + mean[k]! : (v - mean[k]!) / std[k]!;
          case "MIN0MAX1":
            return inverse ? v * (max[k]! - min[k]!) + min[k]! : (v - min[k]!) / (max[k]! - min[k]!);
          case "MIN1MAX1":
            return inverse ? ((v + 1) * (max[k]! - min[k]!)) / 2 + min[k]! : (2 * (v - min[k]!)) / (max[k]! - min[k]!) - 1;
        }
      });
    }
  }
}
