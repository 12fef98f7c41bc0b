import { bind } from "../dispatch.js";
import { ShapeError } from "../errors.js";
import { Prim } from "../primitives.js";
import type { Tensor } from "../tensor.js";
import { expandDims, squeeze } from "./movement.js";

/**
 * Matrix product with NumPy's rules: leading dimensions broadcast; a 1-d
 * operand is a row (left) or column (right) vector whose axis is removed after.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0) throw new ShapeError(`matmul: operands must have rank >= 1, got shapes [${a.shape}] and [${b.shape}]`);
  const a2 = a.rank === 1 ? expandDims(a, 0) : a;
  const b2 = b.rank === 1 ? expandDims(b, 1) : b;
  let out = bind(Prim.Matmul, [a2, b2], {});
  if (b.rank === 1) out = squeeze(out, -1);
  if (a.rank === 1) out = squeeze(out, b.rank === 1 ? -1 : -2);
  return out;
}
