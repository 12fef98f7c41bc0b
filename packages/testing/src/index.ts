export { expectAllclose, type Nested, type Tolerance } from "./allclose.js";
export { testdataDir, testdataPath, loadReference, loadJson, meudonScaleDir, seededUniform, type Reference } from "./testdata.js";
export { seedMlp, seedWeights, type SeedWeights } from "./seedNetwork.js";
export { cpuKernelsRun, type KernelRun } from "./kernelsRun.js";
export { sharedCopy } from "./sharedCopy.js";
