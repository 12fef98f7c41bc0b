import type { Prim } from "@nabla/tensor";
import { elementwiseRules } from "./elementwise.js";
import { linalgRules } from "./linalg.js";
import { movementRules } from "./movement.js";
import { reduceRules } from "./reduce.js";
import { taylorRules } from "./taylor.js";
import type { BatchRule, JvpRule, VjpRule } from "./types.js";

// Exhaustive: a primitive without a rule fails to compile.
export const jvpRules: { [P in Prim]: JvpRule<P> } = {
  ...elementwiseRules.jvp,
  ...movementRules.jvp,
  ...reduceRules.jvp,
  ...linalgRules.jvp,
  ...taylorRules.jvp,
};
export const vjpRules: { [P in Prim]: VjpRule<P> } = {
  ...elementwiseRules.vjp,
  ...movementRules.vjp,
  ...reduceRules.vjp,
  ...linalgRules.vjp,
  ...taylorRules.vjp,
};
export const batchRules: { [P in Prim]: BatchRule<P> } = {
  ...elementwiseRules.batch,
  ...movementRules.batch,
  ...reduceRules.batch,
  ...linalgRules.batch,
  ...taylorRules.batch,
};

export type { BatchRule, JvpRule, VjpRule } from "./types.js";
