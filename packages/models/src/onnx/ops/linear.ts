/** Linear layers: Gemm and MatMul. */
import { add, matmul, mul, transpose, type Tensor } from "@nabla/tensor";
import type { OpHandler } from "../handler.js";

/** alpha·A′·B′ + beta·C, where A′ = Aᵀ if transA, B′ = Bᵀ if transB; C (optional) broadcasts. */
export const Gemm: OpHandler = (ctx) => {
  const a = ctx.input(0);
  const b = ctx.input(1);
  const c = ctx.optionalInput(2);
  if (a.rank !== 2 || b.rank !== 2) ctx.fail(`expects 2-D A and B, got shapes [${a.shape.join(", ")}] and [${b.shape.join(", ")}].`);
  const alpha = ctx.attributes.float("alpha", 1);
  const beta = ctx.attributes.float("beta", 1);
  const at = ctx.attributes.int("transA", 0) !== 0 ? transpose(a) : a;
  const bt = ctx.attributes.int("transB", 0) !== 0 ? transpose(b) : b;
  if (at.shape[1] !== bt.shape[0]) {
    ctx.fail(
      `cannot multiply A′ [${at.shape.join(", ")}] by B′ [${bt.shape.join(", ")}] (A [${a.shape.join(", ")}], B [${b.shape.join(", ")}], transA/transB applied).`,
    );
  }
  const product = scaled(matmul(at, bt), alpha);
  return c === undefined || beta === 0 ? product : add(product, scaled(c, beta));
};

/** NumPy's matmul: leading dimensions broadcast, 1-D operands are vectors. */
export const MatMul: OpHandler = (ctx) => matmul(ctx.input(0), ctx.input(1));

const scaled = (x: Tensor, factor: number): Tensor => (factor === 1 ? x : mul(x, factor));
