// W1 in float32 on the CPU backend: the seed weights (float32 values, so
// exact) and the points rounded to float32, so that every kernel stores
// float32; our default Jacobian and Hessian, each with its error against the
// float64 results of the same run.
import { scaledError } from "@nabla/gpu";
import type { Tensor } from "@nabla/tensor";
import { seedMlp } from "@nabla/testing";
import { caseLine, measureCase } from "./measure.js";
import { caseKey } from "./ratios.js";
import { defaults, W1_POINTS, w1Points, type Measures } from "./w1.js";

/** Prints `w1-jacobian float32` and `w1-hessian float32` with their scaled error against float64 (@nabla/gpu's scaledError), and adds them to `measures`. */
export function benchFloat32(measures: Measures): void {
  const ours = defaults(seedMlp({ dtype: "float32" }));
  const X = w1Points("float32");
  const cases: [string, (x: Tensor) => Tensor][] = [
    ["w1-jacobian", ours.jacobian],
    ["w1-hessian", ours.hessian],
  ];
  for (const [name, fn] of cases) {
    const m = measureCase(() => fn(X));
    const float64 = measures.get(caseKey(name, W1_POINTS))!.result as Tensor;
    const error = scaledError(m.result.data(), float64.data(), float64.shape).max;
    const named = `${name} float32`;
    measures.set(caseKey(named, W1_POINTS), { ...m, case: named, points: W1_POINTS });
    console.log(caseLine(named, W1_POINTS, m, { scaledErrorVsFloat64: +error.toPrecision(3) }));
  }
}
