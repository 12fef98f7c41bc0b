/**
 * The error of the network against the truth, point by point: relative,
 * (f̂ − f)/(|f| + eps), or absolute, f̂ − f.
 */
import type { ErrorKind } from "./data.js";

/** The error at each point of two series of the same length. */
export function errorMeasure(network: Float64Array, truth: Float64Array, kind: ErrorKind, eps: number): Float64Array {
  const out = new Float64Array(network.length);
  if (kind === "relative") {
    for (let p = 0; p < out.length; ++p) out[p] = (network[p]! - truth[p]!) / (Math.abs(truth[p]!) + eps);
  } else {
    for (let p = 0; p < out.length; ++p) out[p] = network[p]! - truth[p]!;
  }
  return out;
}
