import { fileURLToPath } from "node:url";
import type { ReportConfig } from "./config.js";

/** The seed network shipped with the package (assets/seed-net, from the public nnbma repository, MIT). */
export const seedNetDir = (): string => fileURLToPath(new URL("../../assets/seed-net", import.meta.url));

/**
 * The seed notebook's comparison: Fexample against the seed network, output
 * f₃, profiles along x₁ at x₂ = 1 and maps over (x₁, x₂) with 100 points per
 * axis over x₁ ∈ [−2, 2], x₂ ∈ [−1, 1], relative error with eps 1e-2. Its
 * profile's points are the first 100 of testdata/reference/*.json.
 */
export const seedConfig = (): ReportConfig => ({
  function: "fexample",
  model: seedNetDir(),
  output: 2,
  points: 100,
  mapPoints: 100,
  error: "relative",
  eps: 1e-2,
});
