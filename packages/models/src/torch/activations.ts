import { PickleFormatError } from "../errors.js";
import { type Finalizer, type PickleContext, type PyInstance, describePy, isDict } from "../pickle/values.js";
import { isNumpyScalar } from "../pickle/numpy.js";
import { isEmptyMapping } from "./records.js";

/** A `torch.nn` activation module, with the parameters it was saved with. */
export type Activation =
  | { readonly kind: "activation"; readonly type: "ReLU" }
  | { readonly kind: "activation"; readonly type: "LeakyReLU"; readonly negativeSlope: number }
  | { readonly kind: "activation"; readonly type: "ELU"; readonly alpha: number }
  | { readonly kind: "activation"; readonly type: "GELU"; readonly approximate: "none" | "tanh" }
  | { readonly kind: "activation"; readonly type: "Tanh" }
  | { readonly kind: "activation"; readonly type: "Sigmoid" }
  | { readonly kind: "activation"; readonly type: "SiLU" }
  | { readonly kind: "activation"; readonly type: "Softplus"; readonly beta: number; readonly threshold: number }
  | { readonly kind: "activation"; readonly type: "Softsign" }
  | { readonly kind: "activation"; readonly type: "Identity" };

export type ActivationType = Activation["type"];

/** Python class of each supported activation. */
export const ACTIVATION_CLASSES: Readonly<Record<string, ActivationType>> = {
  "torch.nn.modules.activation.ReLU": "ReLU",
  "torch.nn.modules.activation.LeakyReLU": "LeakyReLU",
  "torch.nn.modules.activation.ELU": "ELU",
  "torch.nn.modules.activation.GELU": "GELU",
  "torch.nn.modules.activation.Tanh": "Tanh",
  "torch.nn.modules.activation.Sigmoid": "Sigmoid",
  "torch.nn.modules.activation.SiLU": "SiLU",
  "torch.nn.modules.activation.Softplus": "Softplus",
  "torch.nn.modules.activation.Softsign": "Softsign",
  "torch.nn.modules.linear.Identity": "Identity",
};

export function isActivation(value: unknown): value is Activation {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "activation";
}

function fail(ctx: PickleContext, message: string): PickleFormatError {
  return new PickleFormatError(ctx.file, `${ctx.file}: ${message}.`);
}

/** The finalizer of an activation module instance: reads its saved attributes. */
export function activationFinalizer(type: ActivationType): Finalizer {
  return (instance: PyInstance, ctx: PickleContext): Activation => {
    const state = instance.state ?? new Map();
    if (!isDict(state)) throw fail(ctx, `${instance.className} state is ${describePy(state)}; expected a dict of attributes`);
    for (const slot of ["_parameters", "_buffers", "_modules"]) {
      if (!isEmptyMapping(state.get(slot))) {
        throw fail(ctx, `${instance.className} holds entries in ${slot}; expected a parameter-free activation module`);
      }
    }
    const num = (name: string, fallback: number): number => {
      const value = state.has(name) ? state.get(name) : fallback;
      const n = isNumpyScalar(value) ? Number(value.value) : value;
      if (typeof n !== "number" || !Number.isFinite(n)) {
        throw fail(ctx, `${instance.className}.${name} is ${describePy(value)}; expected a finite number`);
      }
      return n;
    };
    switch (type) {
      case "LeakyReLU":
        return { kind: "activation", type, negativeSlope: num("negative_slope", 0.01) };
      case "ELU":
        return { kind: "activation", type, alpha: num("alpha", 1) };
      case "Softplus":
        return { kind: "activation", type, beta: num("beta", 1), threshold: num("threshold", 20) };
      case "GELU": {
        // torch < 1.12 had no `approximate` attribute: the exact (erf) form.
        const approximate = state.has("approximate") ? state.get("approximate") : "none";
        if (approximate !== "none" && approximate !== "tanh") {
          throw fail(ctx, `GELU.approximate is ${describePy(approximate)}; expected 'none' or 'tanh'`);
        }
        return { kind: "activation", type, approximate };
      }
      default:
        return { kind: "activation", type };
    }
  };
}
