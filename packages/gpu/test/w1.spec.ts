import { expect } from "chai";
import { cpu } from "@nabla/tensor";
import { loadJson, loadReference } from "@nabla/testing";
import { gpuJsBackend, scaledError, type GpuJsMode } from "../src/index.js";
import { seedGrid, type SeedWeights } from "./helpers/seedNet.js";
import { w1 } from "./helpers/w1.js";

/**
 * W1, the seed network's value, Jacobian and Hessian over a grid, computed in
 * float32 on gpu.js and compared with the float64 CPU backend by the package's
 * scaled error: targets 1e-4 on Jacobians and 1e-3 on Hessians (README.md).
 */
const weights = loadJson<SeedWeights>("reference/seed-net.weights.json");
const TARGET = { value: 1e-4, jacobian: 1e-4, hessian: 1e-3 };
// webasm: the whole 100×100 map; gpu.js's JavaScript mode is slower: a 30×30 one.
const grids: [GpuJsMode, number][] = [
  ["webasm", 100],
  ["cpu", 30],
];

for (const [mode, n] of grids) {
  describe(`W1 on gpu.js ${mode}, ${n}×${n} points`, function () {
    it(`meets the accuracy targets against the float64 CPU backend`, async function () {
      this.timeout(120_000);
      const points = seedGrid(n);
      const [gpu, ref] = [await w1(weights, points, gpuJsBackend({ mode }), "float32"), await w1(weights, points, cpu, "float64")];
      const N = n * n;
      const errors = {
        value: scaledError(gpu.value, ref.value, [N, 3]).max,
        jacobian: scaledError(gpu.jacobian, ref.jacobian, [N, 3, 2]).max,
        hessian: scaledError(gpu.hessian, ref.hessian, [N, 3, 2, 2]).max,
      };
      for (const k of ["value", "jacobian", "hessian"] as const) expect(errors[k], `${k} error ${errors[k]}`).to.be.at.most(TARGET[k]);
    });
  });
}

describe("W1 on gpu.js webasm, the second derivatives gathered in reverse (secondOrder's taylorrev), 30×30 points", function () {
  it("meets the accuracy targets against the float64 CPU backend", async function () {
    this.timeout(120_000);
    const points = seedGrid(30);
    const [gpu, ref] = [
      await w1(weights, points, gpuJsBackend({ mode: "webasm" }), "float32", "taylorrev"),
      await w1(weights, points, cpu, "float64"),
    ];
    const N = 30 * 30;
    expect(scaledError(gpu.value, ref.value, [N, 3]).max).to.be.at.most(TARGET.value);
    expect(scaledError(gpu.jacobian, ref.jacobian, [N, 3, 2]).max).to.be.at.most(TARGET.jacobian);
    expect(scaledError(gpu.hessian, ref.hessian, [N, 3, 2, 2]).max).to.be.at.most(TARGET.hessian);
  });
});

describe("W1 on gpu.js webasm, jitted as the derivative engines run it (a backend without a buffer pool)", function () {
  it("gives the interpreted pass's values, 30×30 points", async function () {
    this.timeout(120_000);
    const points = seedGrid(30);
    const [jitted, interpreted] = [
      await w1(weights, points, gpuJsBackend({ mode: "webasm" }), "float32", "auto", { jitted: true }),
      await w1(weights, points, gpuJsBackend({ mode: "webasm" }), "float32"),
    ];
    for (const k of ["value", "jacobian", "hessian"] as const) expect(Array.from(jitted[k]), k).to.deep.equal(Array.from(interpreted[k]));
  });
});

describe("W1 on gpu.js webasm against PyTorch's float64 reference", function () {
  it("agrees at the reference's 300 points within the same targets", async function () {
    const ref = loadReference("seed-net");
    const N = ref.points.length;
    const gpu = await w1(weights, ref.points.flat(), gpuJsBackend({ mode: "webasm" }), "float32");
    expect(scaledError(gpu.value, ref.value.flat(), [N, 3]).max).to.be.at.most(TARGET.value);
    expect(scaledError(gpu.jacobian, ref.jacobian.flat(2), [N, 3, 2]).max).to.be.at.most(TARGET.jacobian);
    expect(scaledError(gpu.hessian, ref.hessian.flat(3), [N, 3, 2, 2]).max).to.be.at.most(TARGET.hessian);
  });
});
