/**
 * @nabla/pipeline: the dataflow from parameters to figures as RxJS streams,
 * with the derivatives computed by a `DerivativeEngine` (in this thread, or
 * in a worker). Browser-safe; Node's worker threads and disk loader are in
 * "@nabla/pipeline/node", a Web Worker's body in "@nabla/pipeline/worker",
 * the operators one by one in "@nabla/pipeline/operators".
 */
export { createPipeline, type PipelineOptions } from "./pipeline.js";
export type { Params, BackendName } from "./params/params.js";
export { PARAM_DEFAULTS, BACKENDS } from "./params/params.js";
export type { ResolvedParams, ResolvedTarget } from "./params/resolvedParams.js";
export { resolveParams, paramsTargets, type ParamsTargets, type TargetInfos } from "./params/resolveParams.js";
export type { ParamsState, DerivativeEvent, Computed, Measured, Figured, Rendered, PipelineEvent } from "./events.js";
export { sampleGridOf, gridPoints, linspace, type Grid, type ProfileGrid, type MapGrid } from "./grid.js";
export { splitResult, type Derivatives, type TargetDerivatives, type SampledDerivatives, type GridJob } from "./derivatives.js";
export { errorTable, errorTables, type ErrorRow, type ErrorTable } from "./errorStats.js";
export { figureSpecs } from "./figures/figureSpecs.js";
export { displayNames } from "./figures/displayNames.js";
export { drawFigure, type FigureSpec, type FigureRenderer } from "./figures/figureSpec.js";
export type { Model } from "./model.js";
export { modelAt, modelFiles, inlineModel, isTransferableRef, type ModelSource, type FunctionSource, type TargetRef } from "./targets/sources.js";
export { targetKey } from "./targets/keys.js";
export type { Target, TargetInfo } from "./targets/target.js";
export { createTargetResolver, type TargetResolver, type TargetResolverOptions, type ModelLoader, type ModelPlacement } from "./targets/resolver.js";
export { loadModelSource } from "./targets/loadModelSource.js";
export type {
  DerivativeEngine,
  ComputeRequest,
  ComputeResult,
  ComputeProgress,
  ComputeOptions,
  ComputedOn,
  DerivativeOrder,
} from "./engine/engine.js";
export { createBackends, cpuCompute, type Backends, type ComputeBackend } from "./engine/backends.js";
export { computeChunked, DEFAULT_CHUNK_SIZE } from "./engine/computeChunked.js";
export { inThreadEngine, type InThreadEngineOptions } from "./engine/inThreadEngine.js";
export { workerEngine } from "./engine/workerEngine.js";
export { parallelEngine, splitPoints, type ParallelEngineOptions } from "./engine/parallelEngine.js";
export { webParallelEngine, type WebParallelEngineOptions } from "./worker/webParallelEngine.js";
export { serveEngine } from "./engine/serveEngine.js";
export type { Endpoint, WorkerHandle, ToWorker, FromWorker, ErrorRecord } from "./engine/protocol.js";
export { describeWith, computeWith, type ComputeWithOptions } from "./engine/engineStreams.js";
export { webWorkerHandle } from "./worker/webWorker.js";
export {
  ParamsError,
  TargetMismatchError,
  UnsupportedSourceError,
  BackendUnavailableError,
  CancelledError,
  WorkerError,
  RemoteError,
  isCancellation,
} from "./errors.js";
