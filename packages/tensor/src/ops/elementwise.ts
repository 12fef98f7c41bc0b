import { bind } from "../dispatch.js";
import { Prim, type BinaryPrim, type ComparePrim, type UnaryPrim } from "../primitives.js";
import { Tensor } from "../tensor.js";
import { tensor } from "./creation.js";

/** A tensor, or a number taken as a 0-d tensor of its partner's dtype and backend. */
export type TensorLike = Tensor | number;

/** Numbers become 0-d tensors like the first tensor among `values`. */
export function asTensors(values: readonly TensorLike[]): Tensor[] {
  const like = values.find((v): v is Tensor => v instanceof Tensor);
  return values.map((v) => (v instanceof Tensor ? v : tensor([v], [], like && { dtype: like.dtype, backend: like.backend })));
}

const unaryOp =
  (prim: UnaryPrim) =>
  (x: TensorLike): Tensor =>
    bind(prim, asTensors([x]), {});
const binaryOp =
  (prim: BinaryPrim | ComparePrim) =>
  (x: TensorLike, y: TensorLike): Tensor =>
    bind(prim, asTensors([x, y]), {});

export const neg = unaryOp(Prim.Neg);
export const exp = unaryOp(Prim.Exp);
export const log = unaryOp(Prim.Log);
export const log1p = unaryOp(Prim.Log1p);
export const expm1 = unaryOp(Prim.Expm1);
export const sin = unaryOp(Prim.Sin);
export const cos = unaryOp(Prim.Cos);
export const tan = unaryOp(Prim.Tan);
export const tanh = unaryOp(Prim.Tanh);
export const sqrt = unaryOp(Prim.Sqrt);
export const abs = unaryOp(Prim.Abs);
export const sign = unaryOp(Prim.Sign);
export const erf = unaryOp(Prim.Erf);
export const asinh = unaryOp(Prim.Asinh);
export const atan = unaryOp(Prim.Atan);
/** 1 / (1 + e^−x), stable for any x. */
export const sigmoid = unaryOp(Prim.Sigmoid);

export const add = binaryOp(Prim.Add);
export const sub = binaryOp(Prim.Sub);
export const mul = binaryOp(Prim.Mul);
export const div = binaryOp(Prim.Div);
export const pow = binaryOp(Prim.Pow);
export const maximum = binaryOp(Prim.Max);
export const minimum = binaryOp(Prim.Min);

export const less = binaryOp(Prim.Lt);
export const lessEqual = binaryOp(Prim.Le);
export const greater = binaryOp(Prim.Gt);
export const greaterEqual = binaryOp(Prim.Ge);
export const equal = binaryOp(Prim.Eq);
export const notEqual = binaryOp(Prim.Ne);

/** x where `condition` is non-zero, y elsewhere (broadcasting all three). */
export const where = (condition: TensorLike, x: TensorLike, y: TensorLike): Tensor => bind(Prim.Where, asTensors([condition, x, y]), {});

export const square = (x: TensorLike): Tensor => mul(x, x);
export const reciprocal = (x: TensorLike): Tensor => div(1, x);
export const log10 = (x: TensorLike): Tensor => div(log(x), Math.LN10);
// Through expm1, so that it keeps its relative precision near 0.
export const sinh = (x: TensorLike): Tensor => mul(sub(expm1(x), expm1(neg(x))), 0.5);
export const cosh = (x: TensorLike): Tensor => mul(add(exp(x), exp(neg(x))), 0.5);
