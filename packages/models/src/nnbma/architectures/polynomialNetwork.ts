import { count } from "@nabla/tensor";
import { NnbmaFormatError, WeightKeyError } from "../../errors.js";
import { tensorToFloat64 } from "../../torch/stateDict.js";
import type { StateTensor } from "../../torch/stateDict.js";
import type { Arguments } from "../args.js";
import type { PolynomialNetworkSpec } from "../spec.js";
import { WeightReader } from "../weights.js";
import { networkCommon } from "./common.js";

/** Expansions whose selection matrix would have more rows than this are refused. */
const MAX_MASK_ROWS = 1e8;

function binomial(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/** `PolynomialExpansion.expanded_features`: monomials of degree 1 to `order` in `n` variables. */
export function expandedFeatures(order: number, n: number): number {
  let total = 0;
  for (let d = 1; d <= order; d++) total += binomial(n + d - 1, d);
  return total;
}

/**
 * Reads each column of the expansion's selection matrix as a monomial. Row r of the mask
 * indexes the flattened outer product of (1, x₀, …, x_{n−1}) with itself `order` times, so its
 * base-(n+1) digits name the factors (digit 0 is the constant 1).
 */
function monomialsOf(mask: StateTensor, n: number, order: number, file: string): number[][] {
  const [rows, cols] = mask.shape as [number, number];
  const values = tensorToFloat64(mask);
  const selected = new Array<number>(cols).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c]!;
      if (v === 0) continue;
      if (v !== 1 || selected[c] !== -1) {
        throw new WeightKeyError(
          file,
          ["poly._mask"],
          `${file}: poly._mask column ${c} is not a 0/1 selection of a single row; expected the mask PolynomialExpansion builds.`,
        );
      }
      selected[c] = r;
    }
  }
  return selected.map((row, c) => {
    if (row < 0) {
      throw new WeightKeyError(file, ["poly._mask"], `${file}: poly._mask column ${c} selects nothing; expected one 1 per column.`);
    }
    const factors: number[] = [];
    for (let k = 0, rest = row; k < order; k++, rest = Math.floor(rest / (n + 1))) {
      const digit = rest % (n + 1);
      if (digit > 0) factors.push(digit - 1);
    }
    return factors.sort((a, b) => a - b);
  });
}

/**
 * `PolynomialNetwork(input_features, order, subnetwork, …)`: the expansion's `poly.*` entries
 * come from this folder's state dict, the sub-network from `subnetwork/`.
 */
export function polynomialNetworkSpec(args: Arguments): PolynomialNetworkSpec {
  const n = args.positiveInt("input_features");
  const order = args.positiveInt("order");
  const subnetwork = args.network("subnetwork");
  const maskRows = (n + 1) ** order;
  if (maskRows > MAX_MASK_ROWS) {
    throw new NnbmaFormatError(
      args.fileOf("order"),
      `${args.fileOf("order")}: an expansion of order ${order} over ${n} inputs needs a mask of ${n + 1}^${order} rows; expected at most ${MAX_MASK_ROWS} rows.`,
    );
  }
  const nExpanded = expandedFeatures(order, n);
  if (nExpanded !== subnetwork.inputFeatures) {
    throw new NnbmaFormatError(
      subnetwork.location,
      `${subnetwork.location}: the sub-network takes ${count(subnetwork.inputFeatures, "input")} but a degree-${order} expansion of ${count(n, "input")} gives ${nExpanded}; expected them equal.`,
    );
  }
  const common = networkCommon(args, n, subnetwork.outputFeatures);
  const file = args.saved.stateDictFile;
  const weights = new WeightReader(args.saved.stateDict, file);
  const why = `input_features ${n} and order ${order} (${args.saved.location})`;
  const mask = weights.take("poly._mask", [maskRows, nExpanded], why);
  const expansion = {
    nFeatures: n,
    order,
    nExpandedFeatures: nExpanded,
    mask,
    monomials: monomialsOf(mask, n, order, file),
    count: weights.take("poly.count", [], why, "int"),
    means: weights.take("poly.means", [nExpanded], why),
    squares: weights.take("poly.squares", [nExpanded], why),
    stds: weights.take("poly.stds", [nExpanded], why),
  };
  weights.finish("PolynomialNetwork");
  return { ...common, architecture: "PolynomialNetwork", order, expansion, subnetwork };
}
