import { bind } from "../dispatch.js";
import { Prim, type DType } from "../primitives.js";
import type { Tensor } from "../tensor.js";

export const cast = (x: Tensor, dtype: DType): Tensor => (x.dtype === dtype ? x : bind(Prim.Cast, [x], { dtype }));
