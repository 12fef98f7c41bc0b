import {
  add,
  broadcastTo,
  concat,
  eye,
  matmul,
  reshape,
  slice,
  take,
  tensor,
  Tensor,
  transpose,
  zeros,
  type Aval,
  type BufferView,
  count,
} from "@nabla/tensor";
import { GpuOptionError } from "../errors.js";
import { GpuJsBackend } from "../gpujs/backend.js";
import type { KernelPlan } from "../plan/index.js";
import { WebGpuBackend } from "../webgpu/backend.js";
import { geluDerivativesPlan, jetCombinePlan, jetLayout } from "./geluJet.js";

/** A dense layer in PyTorch's layout: weight [out, in], bias [out]. */
export interface DenseLayer {
  readonly weight: readonly (readonly number[])[];
  readonly bias: readonly number[];
}

export interface MlpSecondOrder {
  /** [N, m] */
  readonly value: Tensor;
  /** [N, m, n] */
  readonly jacobian: Tensor;
  /** [N, m, n, n] */
  readonly hessian: Tensor;
}

type PlanRunner = { runPlan(what: string, plan: KernelPlan, views: readonly BufferView<unknown>[], out: Aval): unknown };

const view = (t: Tensor): BufferView<unknown> => ({ buffer: t.buffer, shape: t.shape, dtype: t.dtype });

/**
 * Value, Jacobian and Hessian of a multilayer perceptron with exact GELU
 * between its dense layers (nnbma's FullyConnected, the seed network) by
 * fused second-order Taylor mode: each layer is one product of all the jet's
 * coefficients with the weights, one kernel for σ, σ′, σ″ at the
 * pre-activation (bias added), and one that forms the value, first and second
 * derivatives of the layer's output together — three kernels a layer where the
 * generic `vmap(secondOrder(f))` runs about fifteen.
 *
 *     const f = mlpSecondOrder(backend, layers);
 *     const { value, jacobian, hessian } = f(points);     // points [N, n] on `backend`
 */
export function mlpSecondOrder(backend: GpuJsBackend | WebGpuBackend, layers: readonly DenseLayer[]): (points: Tensor) => MlpSecondOrder {
  if (!(backend instanceof GpuJsBackend || backend instanceof WebGpuBackend)) {
    throw new GpuOptionError("mlpSecondOrder: the fused kernels need a backend of @nabla/gpu (createGpuBackend)");
  }
  if (layers.length === 0) throw new GpuOptionError("mlpSecondOrder: expected at least one layer");
  const like = { backend, dtype: "float32" as const };
  const params = layers.map((l, k) => {
    const rows = l.weight.length,
      cols = l.weight[0]?.length ?? 0;
    if (l.bias.length !== rows) throw new GpuOptionError(`mlpSecondOrder: layer ${k} has ${rows} weight rows but ${l.bias.length} biases`);
    if (k > 0 && cols !== layers[k - 1]!.weight.length) {
      throw new GpuOptionError(`mlpSecondOrder: layer ${k} takes ${count(cols, "input")} but layer ${k - 1} gives ${layers[k - 1]!.weight.length}`);
    }
    return { wT: transpose(tensor(l.weight as number[][], undefined, like)), bias: tensor(l.bias as number[], undefined, like), width: rows };
  });
  const n = layers[0]!.weight[0]?.length ?? 0;
  const { count: C, pairRow } = jetLayout(n);
  const jets = params.slice(0, -1).map(({ width }) => width);
  const runner = backend as unknown as PlanRunner;
  const last = params[params.length - 1]!;
  // The output layer's bias touches the value only: padded with zero rows for the derivatives.
  const lastBias = tensor(
    Float32Array.from({ length: C * last.width }, (_, i) => (i < last.width ? layers[layers.length - 1]!.bias[i]! : 0)),
    [C, last.width],
    like,
  );
  const hessianRows = Int32Array.from({ length: n * n }, (_, k) => pairRow(Math.floor(k / n), k % n));
  return (points) => {
    if (points.rank !== 2 || points.shape[1] !== n)
      throw new GpuOptionError(`mlpSecondOrder: points have shape [${points.shape}], expected [N, ${n}]`);
    const N = points.shape[0]!;
    // The input's jet: the points, the unit basis as first derivatives, zero second derivatives.
    let jet = concat([reshape(points, [N, 1, n]), broadcastTo(reshape(eye(n, like), [1, n, n]), [N, n, n]), zeros([N, C - 1 - n, n], like)], 1);
    params.slice(0, -1).forEach(({ wT, bias }, k) => {
      const width = jets[k]!;
      const z = matmul(jet, wT);
      const dShape = [N, 3, width];
      const d = runner.runPlan("GELU derivatives", geluDerivativesPlan(N, n, width), [view(z), view(bias)], { shape: dShape, dtype: "float32" });
      const out: Aval = { shape: [N, C, width], dtype: "float32" };
      const buffer = runner.runPlan("dense GELU jet", jetCombinePlan(N, n, width), [view(z), { buffer: d, shape: dShape, dtype: "float32" }], out);
      jet = new Tensor(out.shape, "float32", backend, buffer);
    });
    const m = last.width;
    const y = add(matmul(jet, last.wT), lastBias);
    return {
      value: take(y, 0, 1),
      jacobian: transpose(slice(y, [0, 1, 0], [N, 1 + n, m]), [0, 2, 1]),
      hessian: transpose(reshape(take(y, hessianRows, 1), [N, n, n, m]), [0, 3, 1, 2]),
    };
  };
}
