// The TF.js anchor (@tensorflow/tfjs on its WebAssembly backend): float32
// only, and no Jacobians — the Jacobian is one tf.grad per output (3), the
// Hessian one tf.grad of a tf.grad per output and input (6), each of a sum over
// the points, which do not interact. Exact GELU from tf.erf.
import type { SeedWeights } from "@nabla/testing";
import { importIfInstalled, type JsAnchor } from "./jsAnchor.js";
import { W1_POINTS } from "./w1.js";

export async function tfjs(weights: SeedWeights): Promise<JsAnchor | undefined> {
  const tf = await importIfInstalled("@tensorflow/tfjs");
  if (!tf || !(await importIfInstalled("@tensorflow/tfjs-backend-wasm"))) return undefined;
  await tf.setBackend("wasm");
  // No debug checks, and no console advice to install the native backend.
  tf.enableProdMode();
  const layers = weights.layers.map((l) => ({ wT: tf.transpose(tf.tensor2d(l.weight)), b: tf.tensor1d(l.bias) }));
  const gelu = (z: any) => tf.mul(tf.mul(z, 0.5), tf.add(tf.erf(tf.mul(z, Math.SQRT1_2)), 1));
  const net = (x: any) =>
    layers.reduce((h, { wT, b }, i) => {
      const z = tf.add(tf.matMul(h, wT), b);
      return i < layers.length - 1 ? gelu(z) : z;
    }, x);
  /** Σ over the points of column k of [N, c]. */
  const column = (y: any, k: number) => tf.sum(tf.slice(y, [0, k], [-1, 1]));
  const outputs = [0, 1, 2];
  const inputs = [0, 1];
  const jacobian = (x: any) =>
    tf.stack(
      outputs.map((k) => tf.grad((y: any) => column(net(y), k))(x)),
      1,
    );
  const hessian = (x: any) =>
    tf.stack(
      outputs.map((k) =>
        tf.stack(
          inputs.map((i) => tf.grad((y: any) => column(tf.grad((z: any) => column(net(z), k))(y), i))(x)),
          1,
        ),
      ),
      1,
    );
  const on = (f: (x: any) => any) => (points: Float64Array) => {
    // tidy frees the intermediates; the result is freed once read.
    const y = tf.tidy(() => f(tf.tensor2d(Float32Array.from(points), [points.length / 2, 2])));
    const values = y.dataSync() as Float32Array;
    y.dispose();
    return values;
  };
  return {
    name: "TF.js (wasm, float32)",
    cases: [
      { label: "jacobian (3 × tf.grad)", kind: "jacobian", run: on(jacobian) },
      { label: "hessian (6 × tf.grad of tf.grad)", kind: "hessian", run: on(hessian) },
    ],
    // float32 through two derivatives, against our float64 (scaled errors seen: 2.6e-7 and 1.7e-6).
    tolerance: 1e-5,
    pairs: [
      { case: "w1-jacobian float32", points: W1_POINTS, anchor: `jacobian (3 × tf.grad) ${W1_POINTS}` },
      { case: "w1-hessian float32", points: W1_POINTS, anchor: `hessian (6 × tf.grad of tf.grad) ${W1_POINTS}` },
    ],
  };
}
