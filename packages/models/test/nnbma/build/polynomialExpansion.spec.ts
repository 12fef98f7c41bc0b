import { expect } from "chai";
import { tensor } from "@nabla/tensor";
import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { expectAllclose, seededUniform } from "@nabla/testing";
import { type PolynomialNetworkSpec, buildNetwork, tensorToFloat64 } from "../../../src/index.js";
import { readNnbmaDirectory } from "../../../src/node.js";
import { nnbmaFolder } from "../../helpers/paths.js";
import { plainForward } from "../../helpers/plainForward.js";

/** nnbma's own computation: the flattened outer product of (1, x) `order` times, times the mask, standardized. */
function maskExpansion(spec: PolynomialNetworkSpec, x: number[]): number[] {
  const e = spec.expansion;
  const y = [1, ...x];
  let m = [...y];
  for (let k = 1; k < e.order; k++) m = y.flatMap((yi) => m.map((mj) => mj * yi));
  const mask = tensorToFloat64(e.mask),
    [means, stds] = [tensorToFloat64(e.means), tensorToFloat64(e.stds)];
  return Array.from({ length: e.nExpandedFeatures }, (_, c) => {
    let z = 0;
    m.forEach((v, r) => (z += v * mask[r * e.nExpandedFeatures + c]!));
    return (z - means[c]!) / stds[c]!;
  });
}

describe("nnbma/build/polynomialExpansion", () => {
  const points = Array.from({ length: 5 }, (_, i) => Array.from(seededUniform(3 + i, 4, -2, 2)));

  it("computed from the monomials, equal to nnbma's outer product and mask", async () => {
    const spec = (await readNnbmaDirectory(nnbmaFolder("poly-dense"))) as PolynomialNetworkSpec;
    // An identity sub-network exposes the expansion: a DenselyConnected with n_layers 1 is one Linear.
    const n = spec.expansion.nExpandedFeatures;
    const eye = Float32Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));
    const identity: PolynomialNetworkSpec = {
      ...spec,
      subnetwork: {
        ...(spec.subnetwork as Extract<PolynomialNetworkSpec["subnetwork"], { architecture: "DenselyConnected" }>),
        nLayers: 1,
        layersSizes: [n, n],
        hiddenLayers: [],
        outputFeatures: n,
        outputsNames: null,
        outputLayer: { weight: { dtype: "float32", shape: [n, n], data: eye }, bias: { dtype: "float32", shape: [n], data: new Float32Array(n) } },
      },
      outputFeatures: n,
    };
    const net = buildNetwork(identity);
    expectAllclose(
      net.forward(tensor(points)),
      points.map((p) => maskExpansion(spec, p)),
      { rtol: 0, atol: 0 },
    );
  });

  it("any order of the monomials (the saved mask's), with derivatives", async () => {
    const spec = (await readNnbmaDirectory(nnbmaFolder("poly-dense"))) as PolynomialNetworkSpec;
    const order = spec.expansion.monomials.map((_, i) => i).reverse();
    const pick = <T>(list: readonly T[]): T[] => order.map((i) => list[i]!);
    const gather = (t: typeof spec.expansion.means) => ({ ...t, data: Float32Array.from(pick(Array.from(t.data as Float32Array))) }) as typeof t;
    const n = spec.expansion.nExpandedFeatures;
    const sub = spec.subnetwork as Extract<PolynomialNetworkSpec["subnetwork"], { architecture: "DenselyConnected" }>;
    const permuteColumns = (w: typeof sub.outputLayer.weight, width: number) => {
      const data = w.data as Float32Array,
        rows = w.shape[0]!;
      const out = Float32Array.from(data);
      for (let r = 0; r < rows; r++) for (let c = 0; c < n; c++) out[r * width + c] = data[r * width + order[c]!]!;
      return { ...w, data: out } as typeof w;
    };
    // Dense connections: every hidden layer and the output layer read the expansion as their first n inputs.
    const fixed: PolynomialNetworkSpec = {
      ...spec,
      expansion: {
        ...spec.expansion,
        monomials: pick(spec.expansion.monomials),
        means: gather(spec.expansion.means),
        stds: gather(spec.expansion.stds),
      },
      subnetwork: {
        ...sub,
        hiddenLayers: sub.hiddenLayers.map((l) => ({
          ...l,
          linear: { ...l.linear, weight: permuteColumns(l.linear.weight, l.linear.weight.shape[1]!) },
        })),
        outputLayer: { ...sub.outputLayer, weight: permuteColumns(sub.outputLayer.weight, sub.outputLayer.weight.shape[1]!) },
      },
    };
    const a = buildNetwork(spec),
      b = buildNetwork(fixed);
    const X = tensor(points);
    expectAllclose(b.forward(X), a.forward(X), { rtol: 1e-13, atol: 1e-15 });
    expectAllclose(vmap(jacrev(b.forward))(X), vmap(jacrev(a.forward))(X), { rtol: 1e-12, atol: 1e-14 });
    expectAllclose(vmap(hessian(b.forward))(X), vmap(hessian(a.forward))(X), { rtol: 1e-10, atol: 1e-13 });
    expectAllclose(
      b.forward(X),
      points.map((p) => Array.from(plainForward(fixed, Float64Array.from(p)))),
      { rtol: 1e-13, atol: 1e-15 },
    );
    expect(b.outputFeatures).to.equal(6);
  });
});
