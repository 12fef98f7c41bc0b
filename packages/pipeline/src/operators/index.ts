export { checkParams, type Describe } from "./checkParams.js";
export { sampleGrid } from "./sampleGrid.js";
export { computeDerivatives, type ComputeGrid, type ComputeDerivativesOptions } from "./computeDerivatives.js";
export { withDerivatives } from "./withDerivatives.js";
export { measureErrors } from "./measureErrors.js";
export { buildFigures } from "./buildFigures.js";
export { renderFigures } from "./renderFigures.js";
export { shareLatest } from "./shareLatest.js";
