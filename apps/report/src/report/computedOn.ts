import type { ComputedOn, Derivatives } from "@nabla/pipeline";

/** What computed a report's derivatives: the function's backend and the network's. */
export interface ReportComputedOn {
  readonly function?: ComputedOn;
  readonly network?: ComputedOn;
}

export const computedOnOf = (derivatives: Derivatives): ReportComputedOn => ({
  ...(derivatives.truth ? { function: derivatives.truth.computedOn } : {}),
  ...(derivatives.model ? { network: derivatives.model.computedOn } : {}),
});

/** "the network on gpu.js/webasm in float32, the function on cpu in float64": short, for a line of text. */
export function computedOnPhrase(on: ReportComputedOn): string {
  return (["network", "function"] as const)
    .flatMap((role) => {
      const c = on[role];
      return c ? [`the ${role} on ${c.name} in ${c.precision}`] : [];
    })
    .join(", ");
}
