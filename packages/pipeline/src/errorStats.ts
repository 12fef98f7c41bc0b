import type { Order } from "@nabla/plot";
import type { SampledDerivatives, TargetDerivatives } from "./derivatives.js";

/** The network's error on one output and one order, over the points and every derivative component. */
export interface ErrorRow {
  /** The output, as an index into all the outputs. */
  readonly output: number;
  readonly name: string;
  /** 0 value, 1 Jacobian, 2 Hessian. */
  readonly order: Order;
  /** How many numbers were compared: points × components. */
  readonly count: number;
  /** max |f̂ − f| and sqrt(mean (f̂ − f)²). */
  readonly absMax: number;
  readonly absRms: number;
  /** The same of (f̂ − f)/(|f| + eps). */
  readonly relMax: number;
  readonly relRms: number;
}

/** Error statistics on one set of points (the profile's or the map's). */
export interface ErrorTable {
  readonly where: "profile" | "map";
  readonly points: number;
  readonly eps: number;
  readonly rows: readonly ErrorRow[];
}

const fields = ["value", "jacobian", "hessian"] as const;

/**
 * Max and RMS of the absolute and relative errors of the model against the
 * truth, for each output the model computed and each order. The truth holds
 * every output; the model all of them or those of its restriction.
 */
export function errorTable(
  where: "profile" | "map",
  truth: { readonly outputs: readonly number[]; readonly samples: SampledDerivatives },
  model: { readonly outputs: readonly number[]; readonly samples: SampledDerivatives },
  nIn: number,
  eps: number,
  names: readonly string[],
): ErrorTable {
  const nT = truth.outputs.length;
  const nM = model.outputs.length;
  const n = truth.samples.value.length / nT;
  const rows: ErrorRow[] = [];
  model.outputs.forEach((k, km) => {
    const kt = truth.outputs.indexOf(k);
    if (kt < 0) return;
    for (const order of [0, 1, 2] as const) {
      const per = order === 0 ? 1 : order === 1 ? nIn : nIn * nIn;
      const t = truth.samples[fields[order]];
      const m = model.samples[fields[order]];
      let absMax = 0;
      let absSq = 0;
      let relMax = 0;
      let relSq = 0;
      for (let p = 0; p < n; ++p) {
        const ti = (p * nT + kt) * per;
        const mi = (p * nM + km) * per;
        for (let c = 0; c < per; ++c) {
          const truthValue = t[ti + c]!;
          const abs = m[mi + c]! - truthValue;
          const rel = abs / (Math.abs(truthValue) + eps);
          absMax = Math.max(absMax, Math.abs(abs));
          relMax = Math.max(relMax, Math.abs(rel));
          absSq += abs * abs;
          relSq += rel * rel;
        }
      }
      const count = n * per;
      rows.push({
        output: k,
        name: names[k] ?? `f${k + 1}`,
        order,
        count,
        absMax,
        absRms: Math.sqrt(absSq / count),
        relMax,
        relRms: Math.sqrt(relSq / count),
      });
    }
  });
  return { where, points: n, eps, rows };
}

/** The error tables of the profile and of the map, when there are a truth and a model. */
export function errorTables(
  truth: TargetDerivatives | undefined,
  model: TargetDerivatives | undefined,
  nIn: number,
  eps: number,
  names: readonly string[],
): ErrorTable[] {
  if (!truth || !model) return [];
  const tables = [
    errorTable("profile", { outputs: truth.outputs, samples: truth.profile }, { outputs: model.outputs, samples: model.profile }, nIn, eps, names),
  ];
  if (truth.map && model.map) {
    tables.push(errorTable("map", { outputs: truth.outputs, samples: truth.map }, { outputs: model.outputs, samples: model.map }, nIn, eps, names));
  }
  return tables;
}
