// The jax-js anchor (@jax-js/jax): the seed network on the seed weights, in
// float64 on jax-js's WebAssembly device, through vmap of jacfwd and
// jacfwd(jacfwd). Its `hessian` takes scalar functions only, and its `jacrev`
// (0.1.25) seeds the cotangents with an identity of the input's size, so it
// fails on 2 inputs and 3 outputs. Its jacfwd puts the input axis before the
// output's; the results are read back in our layout.
import type { SeedWeights } from "@nabla/testing";
import { importIfInstalled, type JsAnchor } from "./jsAnchor.js";
import { PROFILE_POINTS, W1_POINTS } from "./w1.js";

export async function jaxJs(weights: SeedWeights): Promise<JsAnchor | undefined> {
  // jax-js tests `instanceof Float16Array`, a global Node 20 lacks: an empty class makes that test false.
  (globalThis as { Float16Array?: unknown }).Float16Array ??= class {};
  const jax = await importIfInstalled("@jax-js/jax");
  if (!jax) return undefined;
  const { numpy: np, nn, vmap, jacfwd } = jax;
  await jax.init("wasm");
  jax.defaultDevice("wasm");
  const array = (values: ArrayLike<number>, shape: number[]) => np.array(Float64Array.from(values), { dtype: np.float64 }).reshape(shape);
  const layers = weights.layers.map((l) => ({
    w: array(l.weight.flat(), [l.weight.length, l.weight[0]!.length]),
    b: array(l.bias, [l.bias.length]),
  }));
  // One point [2] → [3]. jax-js frees an array at its last use: `.ref` keeps the weights for the next call.
  const net = (x: unknown) =>
    layers.reduce((h, { w, b }, i) => {
      const z = np.matmul(w.ref, h).add(b.ref);
      return i < layers.length - 1 ? nn.gelu(z, { approximate: false }) : z;
    }, x);
  const on = (f: (x: unknown) => any, ours: number[]) => (points: Float64Array) =>
    f(array(points, [points.length / 2, 2]))
      .transpose(ours)
      .dataSync();
  const pairs = [PROFILE_POINTS, W1_POINTS].flatMap((points) => [
    { case: "vmap(jacfwd)", points, anchor: `vmap(jacfwd) ${points}` },
    { case: "vmap(hessian fwdfwd)", points, anchor: `vmap(jacfwd(jacfwd)) ${points}` },
    { case: "vmap(hessian)", points, anchor: `vmap(jacfwd(jacfwd)) ${points}` },
  ]);
  return {
    name: "jax-js (wasm, float64)",
    cases: [
      { label: "vmap(jacfwd)", kind: "jacobian", run: on(vmap(jacfwd(net)), [0, 2, 1]) },
      { label: "vmap(jacfwd(jacfwd))", kind: "hessian", run: on(vmap(jacfwd(jacfwd(net))), [0, 3, 1, 2]) },
    ],
    // Its float64 exact GELU is accurate to about 1e-7, not to float64's precision
    // (scaled errors seen: 1.2e-7 on the Jacobian, 6.6e-7 on the Hessian).
    tolerance: 1e-5,
    pairs: [
      ...pairs,
      { case: "w1-jacobian", points: W1_POINTS, anchor: `vmap(jacfwd) ${W1_POINTS}` },
      { case: "w1-hessian", points: W1_POINTS, anchor: `vmap(jacfwd(jacfwd)) ${W1_POINTS}` },
    ],
  };
}
