import type { MapData, Order, ProfileData, Role, Samples } from "@nabla/plot";
import { subscript } from "@nabla/plot";
import type { Derivatives, SampledDerivatives, TargetDerivatives } from "../derivatives.js";
import type { ResolvedParams } from "../params/resolvedParams.js";
import { displayNames } from "./displayNames.js";
import type { FigureSpec } from "./figureSpec.js";

const roleNumber: Record<Role, number> = { truth: 1, network: 2, error: 3 };

/** The samples of output `k` only (a copy), from samples of outputs `outputs`. */
function pickOutput(samples: SampledDerivatives, outputs: readonly number[], k: number, nIn: number): Samples {
  const nOut = outputs.length;
  const at = outputs.indexOf(k);
  const pick = (array: Float64Array, per: number) => {
    const n = array.length / (nOut * per);
    const out = new Float64Array(n * per);
    for (let p = 0; p < n; ++p) out.set(array.subarray((p * nOut + at) * per, (p * nOut + at + 1) * per), p * per);
    return out;
  };
  return { value: pick(samples.value, 1), jacobian: pick(samples.jacobian, nIn), hessian: pick(samples.hessian, nIn * nIn) };
}

/**
 * The figures the parameters ask for: for the truth, the network (over the
 * truth) and the error, each present when its data is, profiles of each order
 * in `params.orders`, then maps. With the seed's parameters, its twelve figures.
 */
export function figureSpecs(params: ResolvedParams, derivatives: Derivatives): FigureSpec[] {
  const { truth, model } = derivatives;
  const nIn = params.inputs.length;
  const k = params.output;
  const inputNames = displayNames(params.inputs);
  // A restricted model computed output k only: draw data of that one output.
  const single = params.restricted;
  const outputNames = single ? [displayNames(params.outputs) ? params.outputs[k]! : `f${subscript(k + 1)}`] : displayNames(params.outputs);
  const nOut = single ? 1 : params.outputs.length;
  const output = single ? 0 : k;
  const samples = (target: TargetDerivatives | undefined, part: "profile" | "map"): Samples | undefined => {
    const sampled = target?.[part];
    if (!target || !sampled) return undefined;
    return single ? pickOutput(sampled, target.outputs, k, nIn) : sampled;
  };
  const common = { nIn, nOut, fixed: derivatives.grid.profile.fixed, ...(inputNames ? { inputNames } : {}), ...(outputNames ? { outputNames } : {}) };
  const withSamples = <T extends object>(data: T, part: "profile" | "map") => {
    const t = samples(truth, part);
    const m = samples(model, part);
    return { ...data, ...(t ? { truth: t } : {}), ...(m ? { network: m } : {}) };
  };
  const grid = derivatives.grid;
  const profile: ProfileData = withSamples({ ...common, input: grid.profile.input, x: grid.profile.x }, "profile");
  const map: MapData | null = grid.map ? withSamples({ ...common, inputs: grid.map.inputs, x: grid.map.x, y: grid.map.y }, "map") : null;

  const truthTitle = params.truth?.info.title;
  const modelTitle = params.model ? `Network f̂ (${params.model.info.title})` : undefined;
  const titles: Record<Role, string | undefined> = {
    truth: truthTitle,
    network: modelTitle,
    error:
      truthTitle && modelTitle
        ? `${params.error === "relative" ? "Relative" : "Absolute"} error of the network (${params.model!.info.title}) against ${truthTitle}`
        : undefined,
  };
  const roles: Role[] = [...(truth ? ["truth" as const] : []), ...(model ? ["network" as const] : []), ...(truth && model ? ["error" as const] : [])];
  const specs: FigureSpec[] = [];
  for (const role of roles) {
    const options = (order: Order) => ({
      role,
      order,
      output,
      error: params.error,
      eps: params.eps,
      ...(titles[role] ? { title: titles[role] } : {}),
    });
    const name = (order: Order, kind: string) => `${roleNumber[role]}-${role}-d${order}-${kind}`;
    for (const order of params.orders)
      specs.push({ name: name(order, "profile"), kind: "profile", role, order, data: profile, options: options(order) });
    if (map)
      for (const order of params.orders) specs.push({ name: name(order, "map"), kind: "map", role, order, data: map, options: options(order) });
  }
  return specs;
}
