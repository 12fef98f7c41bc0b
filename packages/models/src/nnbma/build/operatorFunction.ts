import { asinh, div, expm1, log10, mul, neg, pow, sub, type Tensor } from "@nabla/tensor";
import type { OperatorFunction } from "../operators.js";

/** sinh(x) = (expm1(x) − expm1(−x)) / 2: accurate near 0, where (eˣ − e⁻ˣ)/2 cancels. */
const sinh = (x: Tensor): Tensor => mul(sub(expm1(x), expm1(neg(x))), 0.5);

/**
 * An element-wise function of `nnbma.operators.base` as a tensor function:
 * `id`, `log10`, `pow10` (10^t), `asinh` (a·asinh(t/a)) and `sinh` (a·sinh(t/a); nnbma's own
 * recurses forever, this is what it means).
 */
export function operatorFunction(f: OperatorFunction): (x: Tensor) => Tensor {
  switch (f.name) {
    case "id":
      return (x) => x;
    case "log10":
      return log10;
    case "pow10":
      return (x) => pow(10, x);
    case "asinh":
      return f.a === 1 ? asinh : (x) => mul(asinh(div(x, f.a)), f.a);
    case "sinh":
      return f.a === 1 ? sinh : (x) => mul(sinh(div(x, f.a)), f.a);
  }
}

/** How nnbma prints the function (`log10`, `asinh(a=2)`). */
export function describeOperatorFunction(f: OperatorFunction): string {
  return "a" in f && f.a !== 1 ? `${f.name}(a=${f.a})` : f.name;
}
