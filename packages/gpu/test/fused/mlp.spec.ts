import { expect } from "chai";
import { cpu, tensor } from "@nabla/tensor";
import { loadJson } from "@nabla/testing";
import { GpuOptionError, gpuJsBackend, mlpSecondOrder, scaledError } from "../../src/index.js";
import { seedGrid, type SeedWeights } from "../helpers/seedNet.js";
import { w1 } from "../helpers/w1.js";
import { jetLayout } from "../../src/fused/geluJet.js";

describe("fused/mlp", function () {
  const weights = loadJson<SeedWeights>("reference/seed-net.weights.json");

  it("orders a jet's coefficients: value, first derivatives, then pairs i ≤ j", function () {
    const { count, pairs, pairRow } = jetLayout(3);
    expect(count).to.equal(10);
    expect(pairs).to.deep.equal([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 2],
      [2, 2],
    ]);
    expect(pairRow(2, 1)).to.equal(8);
  });

  for (const mode of ["webasm", "cpu"] as const) {
    it(`computes W1 of the seed network on gpu.js ${mode} within the accuracy targets`, async function () {
      const backend = gpuJsBackend({ mode });
      const n = 30,
        N = n * n;
      const points = seedGrid(n);
      const f = mlpSecondOrder(backend, weights.layers);
      const out = f(tensor(points, [N, 2], { backend, dtype: "float32" }));
      expect(out.value.shape).to.deep.equal([N, 3]);
      expect(out.jacobian.shape).to.deep.equal([N, 3, 2]);
      expect(out.hessian.shape).to.deep.equal([N, 3, 2, 2]);
      const ref = await w1(weights, points, cpu, "float64");
      expect(scaledError(out.value.data(), ref.value, [N, 3]).max).to.be.at.most(1e-4);
      expect(scaledError(out.jacobian.data(), ref.jacobian, [N, 3, 2]).max).to.be.at.most(1e-4);
      expect(scaledError(out.hessian.data(), ref.hessian, [N, 3, 2, 2]).max).to.be.at.most(1e-3);
    });
  }

  it("checks the layers and the points it is given", function () {
    const backend = gpuJsBackend({ mode: "cpu" });
    expect(() => mlpSecondOrder(cpu as never, weights.layers)).to.throw(GpuOptionError, /need a backend of @nabla\/gpu/);
    expect(() => mlpSecondOrder(backend, [{ weight: [[1, 2]], bias: [0, 0] }])).to.throw(GpuOptionError, /1 weight rows but 2 biases/);
    const f = mlpSecondOrder(backend, weights.layers);
    expect(() => f(tensor([1, 2, 3], [1, 3], { backend, dtype: "float32" }))).to.throw(GpuOptionError, /expected \[N, 2\]/);
  });
});
