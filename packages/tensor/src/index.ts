export { Tensor, Tracer, type NestedArray, type Trace } from "./tensor.js";
export {
  Prim,
  unaryPrims,
  binaryPrims,
  comparePrims,
  ruleFamily,
  directionPairs,
  type PrimParams,
  type DType,
  type UnaryPrim,
  type BinaryPrim,
  type ComparePrim,
} from "./primitives.js";
export { abstractEval, type Aval } from "./abstract.js";
export { bind, evaluate } from "./dispatch.js";
export type { Backend, BufferPool, BufferView, HostArray } from "./backend.js";
export { cpu } from "./backends/cpu/index.js";
export { ShapeError, IndexError, TensorDataError, ConcretizationError, BackendMismatchError } from "./errors.js";
export { sizeOf, stridesOf, broadcastShapes, sameShape, normalizeAxis, fmt as formatShape, type Shape } from "./shape.js";
export { tensor, zeros, ones, full, eye, linspace, arange, type CreateOptions } from "./ops/creation.js";
export {
  neg,
  exp,
  log,
  log1p,
  expm1,
  sin,
  cos,
  tan,
  tanh,
  sqrt,
  abs,
  sign,
  erf,
  asinh,
  atan,
  sigmoid,
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  less,
  lessEqual,
  greater,
  greaterEqual,
  equal,
  notEqual,
  where,
  square,
  reciprocal,
  log10,
  sinh,
  cosh,
  asTensors,
  type TensorLike,
} from "./ops/elementwise.js";
export { sum, mean, normalizeAxes, type ReduceOptions } from "./ops/reduce.js";
export { reshape, broadcastTo, transpose, moveAxis, expandDims, squeeze, concat, stack, take, slice, pad, meshgrid } from "./ops/movement.js";
export { matmul } from "./ops/linalg.js";
export { secondChain, secondChainComposed, geluJet, geluJetComposed } from "./ops/taylor.js";
export { cast } from "./ops/cast.js";
export { relu, leakyRelu, elu, gelu, geluDerivative, geluStack, silu, softplus, softsign } from "./ops/activations.js";
export { geluPolynomial } from "./geluPolynomial.js";
export { count } from "./count.js";
