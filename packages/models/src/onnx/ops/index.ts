/** The operator registry: each handler is registered under its export name, the ONNX op_type it implements. */
import type { OpHandler } from "../handler.js";
import * as activation from "./activation.js";
import * as elementwise from "./elementwise.js";
import * as linear from "./linear.js";
import * as movement from "./movement.js";

export const ONNX_OPS: ReadonlyMap<string, OpHandler> = new Map(
  Object.entries({ ...linear, ...elementwise, ...activation, ...movement } as Record<string, OpHandler>).sort(([a], [b]) => a.localeCompare(b)),
);

/** The supported operators (default domain), sorted. */
export const supportedOnnxOps = (): string[] => [...ONNX_OPS.keys()];
