import { concat, div, mul, sub, take, type Tensor } from "@nabla/tensor";
import { NnbmaFormatError } from "../../errors.js";
import type { PolynomialExpansionSpec } from "../spec.js";
import { type Placement, checkShape, stateConstant } from "./tensors.js";

/** One degree's products: column k is `x[firsts[k]] · previous[suffixes[k]]` (just `x[firsts[k]]` at degree 1). */
interface DegreeStep {
  readonly firsts: number[];
  readonly suffixes: number[];
}

/**
 * nnbma's PolynomialExpansion, computed from its monomials (products of input columns)
 * instead of the `(n+1)^p`-wide outer product and mask matmul, then standardized:
 * `(z − means) / stds`.
 *
 * A degree-d monomial x_{f₀}·x_{f₁}·…·x_{f_{d−1}} (f₀ ≤ f₁ ≤ …) is x_{f₀} times the
 * degree-(d−1) monomial of its other factors, which is computed first: the same products,
 * in the same order, as nnbma's `((y_{f_{d−1}}·…)·y_{f₁})·y_{f₀}`, so the values agree to
 * the last bit. Products needed only as such a factor are computed and then left out.
 */
export function polynomialExpansionFunction(e: PolynomialExpansionSpec, location: string, on: Placement): (x: Tensor) => Tensor {
  const file = `${location}/state_dict.pth`;
  const why = `input_features ${e.nFeatures} and order ${e.order} (${location})`;
  if (e.monomials.length !== e.nExpandedFeatures) {
    throw new NnbmaFormatError(
      location,
      `${location}: the polynomial expansion lists ${e.monomials.length} monomials; expected ${e.nExpandedFeatures}.`,
    );
  }
  checkShape(e.means, [e.nExpandedFeatures], file, "poly.means", why);
  checkShape(e.stds, [e.nExpandedFeatures], file, "poly.stds", why);
  e.monomials.forEach((factors, c) => {
    if (factors.length === 0 || factors.some((f, i) => !Number.isInteger(f) || f < 0 || f >= e.nFeatures || (i > 0 && f < factors[i - 1]!))) {
      throw new NnbmaFormatError(
        location,
        `${location}: expanded feature ${c} is the product of inputs [${factors.join(", ")}]; expected a non-empty, non-decreasing list of input indices below ${e.nFeatures}.`,
      );
    }
  });

  // Every product to compute, by degree, keyed by its factors.
  const degrees: string[][] = [];
  const position = new Map<string, number>();
  const need = (factors: readonly number[]): void => {
    const key = factors.join(",");
    if (position.has(key)) return;
    if (factors.length > 1) need(factors.slice(1));
    const list = (degrees[factors.length - 1] ??= []);
    position.set(key, list.length);
    list.push(key);
  };
  e.monomials.forEach(need);
  const steps: DegreeStep[] = degrees.map((keys) => {
    const factors = keys.map((key) => key.split(",").map(Number));
    return {
      firsts: factors.map((f) => f[0]!),
      suffixes: factors.map((f) => (f.length > 1 ? position.get(f.slice(1).join(","))! : 0)),
    };
  });
  // Where each requested monomial sits in the concatenation of all degrees.
  const offsets = degrees.map((_, d) => degrees.slice(0, d).reduce((n, list) => n + list.length, 0));
  const order = e.monomials.map((f) => offsets[f.length - 1]! + position.get(f.join(","))!);
  const total = offsets[offsets.length - 1]! + degrees[degrees.length - 1]!.length;
  const identity = total === order.length && order.every((p, i) => p === i);

  const means = stateConstant(e.means, on);
  const stds = stateConstant(e.stds, on);
  return (x) => {
    const products: Tensor[] = [];
    steps.forEach((step, d) => {
      const firsts = take(x, step.firsts, -1);
      products.push(d === 0 ? firsts : mul(take(products[d - 1]!, step.suffixes, -1), firsts));
    });
    const all = concat(products, -1);
    const z = identity ? all : take(all, order, -1);
    return div(sub(z, means), stds);
  };
}
