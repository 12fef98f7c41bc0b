import { expect } from "chai";
import { fileURLToPath } from "node:url";
import { cpu } from "@nabla/tensor";
import { expectAllclose, loadJson } from "@nabla/testing";
import { scaledError } from "../src/index.js";
import { operands, primitiveCases } from "./helpers/cases.js";
import { seedGrid, type SeedWeights } from "./helpers/seedNet.js";
import { w1 } from "./helpers/w1.js";
import { chromiumMissing, openPage, type OpenPage } from "./page/chromium.js";
import type { NablaPage, PageMode } from "./page/entry.js";

/*
 * The kernels in a real page: headless Chromium (Debian's /usr/bin/chromium)
 * with WebGPU on the CPU through SwiftShader, and gpu.js's WebGL2 and WebGL
 * modes on SwiftShader's GL; every result is compared with the float64 CPU
 * backend run here in Node.
 */
const missing = chromiumMissing();
const title = "page test in headless Chromium (WebGPU and WebGL through SwiftShader)";

(missing ? describe.skip : describe)(missing ? `${title} — skipped: ${missing}` : title, function () {
  this.timeout(300_000);
  let opened: OpenPage;
  const call = <K extends keyof NablaPage>(name: K, ...args: Parameters<NablaPage[K]>) =>
    opened.call<Awaited<ReturnType<NablaPage[K]>>>(name, ...args);

  before(async function () {
    opened = await openPage(fileURLToPath(new URL("./page/entry.ts", import.meta.url)), "nablaPage");
  });

  after(async function () {
    await opened?.close();
  });

  it("finds WebGPU on SwiftShader and chooses it automatically", async function () {
    const modes = await call("modes");
    expect(modes.find((m) => m.mode === "webgpu")).to.deep.include({ available: true });
    expect(await call("auto")).to.match(/^webgpu \(WGSL\), float32 on .*swiftshader/);
  });

  it("refuses a synchronous read on WebGPU, naming readTensor", async function () {
    expect(await call("syncRead")).to.match(/^AsyncReadbackError: .*await readTensor/);
  });

  const expected = primitiveCases.map((c, index) => Array.from(c.op(...operands(c, index, cpu, "float64")).data()));
  for (const mode of ["webgpu", "webgl2", "webgl"] as PageMode[]) {
    it(`runs every primitive on ${mode} within its tolerance`, async function () {
      const actual = await call("primitives", mode);
      primitiveCases.forEach((c, index) => {
        const got = actual[index]!;
        if (typeof got === "string") throw new Error(`${mode} ${c.name}: ${got}`);
        expectAllclose(got, expected[index]!, { rtol: c.rtol ?? 2e-6, atol: c.atol ?? 1e-6 }, `${mode} ${c.name}`);
      });
    });
  }

  const weights = loadJson<SeedWeights>("reference/seed-net.weights.json");
  for (const [mode, n] of [
    ["webgpu", 30],
    ["webgl2", 20],
  ] as [PageMode, number][]) {
    it(`computes W1 on ${mode} (${n}×${n} points) within the accuracy targets`, async function () {
      const points = seedGrid(n);
      const ref = await w1(weights, points, cpu, "float64");
      const got = await call("w1", mode, weights, Array.from(points));
      const N = n * n;
      expect(scaledError(got.value, ref.value, [N, 3]).max).to.be.at.most(1e-4);
      expect(scaledError(got.jacobian, ref.jacobian, [N, 3, 2]).max).to.be.at.most(1e-4);
      expect(scaledError(got.hessian, ref.hessian, [N, 3, 2, 2]).max).to.be.at.most(1e-3);
    });
  }

  for (const mode of ["webgpu", "webgl2"] as PageMode[]) {
    it(`computes W1 by the fused dense-layer kernels on ${mode} within the accuracy targets`, async function () {
      const n = 20,
        N = n * n;
      const points = seedGrid(n);
      const ref = await w1(weights, points, cpu, "float64");
      const got = await call("w1Fused", mode, weights, Array.from(points));
      expect(scaledError(got.value, ref.value, [N, 3]).max).to.be.at.most(1e-4);
      expect(scaledError(got.jacobian, ref.jacobian, [N, 3, 2]).max).to.be.at.most(1e-4);
      expect(scaledError(got.hessian, ref.hessian, [N, 3, 2, 2]).max).to.be.at.most(1e-3);
    });
  }
});
