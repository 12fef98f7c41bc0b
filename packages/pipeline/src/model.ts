/** What the pipeline differentiates of a network: @nabla/models' `Model`. */
export type { Model } from "@nabla/models";
