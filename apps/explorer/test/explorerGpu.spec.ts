import { scaledError } from "@nabla/gpu";
import { expect } from "chai";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { download, figureNames, nextUpdate, SEED_FIGURES, updates } from "./helpers/page.js";
import { explorerSuite } from "./helpers/session.js";

/** The float32 accuracy @nabla/gpu states against float64 (its README), scaled by the drawn output's magnitude. */
const TOLERANCE = { 1: 1e-4, 2: 1e-3 } as const;

/** A small view: 30 points per profile, a 20 × 20 map (WebGPU on SwiftShader runs on the CPU, and compiles every kernel first). */
const SMALL = "points=30&mapPoints=20";

/** The network's figures whose data are compared: first and second derivatives, profiles and maps. */
const NETWORK_FIGURES = ["2-network-d1-profile", "2-network-d2-profile", "2-network-d1-map", "2-network-d2-map"];

/** A figure's CSV: the column headers and, per column, its values. */
async function csvColumns(page: Page, name: string): Promise<{ headers: string[]; columns: number[][] }> {
  const [head, ...rows] = (await download(page, name, "csv")).bytes.toString("utf8").trim().split("\n");
  const headers = head!.split(",");
  return { headers, columns: headers.map((_, c) => rows.map((row) => Number(row.split(",")[c]))) };
}

/** The network's columns (their headers have f̂) and the truth's: the drawn output's components, point by point. */
async function figureData(page: Page, name: string) {
  const { headers, columns } = await csvColumns(page, name);
  const pick = (network: boolean) => headers.flatMap((h, c) => (h.includes("∂") && h.includes("f̂") === network ? [columns[c]!] : []));
  const interleave = (cols: number[][]) => cols[0]!.flatMap((_, p) => cols.map((col) => col[p]!));
  const network = pick(true);
  return { headers, points: network[0]!.length, components: network.length, network: interleave(network), truth: interleave(pick(false)) };
}

/** What the backend control says computed the network: `data-backend`, its line, and why that mode (its full description). */
const backendStatus = async (page: Page) => {
  const status = page.locator("#backend-status");
  const why = (await page.locator(".backend-summary").textContent()) ?? "";
  return { backend: await status.getAttribute("data-backend"), text: (await status.textContent()) ?? "", why };
};

/** Waits until the figures shown were computed on `backend` (the control says so once a result came from it). */
const computedOn = (page: Page, backend: string, timeout = 180_000) =>
  page.waitForFunction((b) => document.querySelector("#backend-status")?.getAttribute("data-backend") === b, backend, { timeout });

explorerSuite("explorer on the GPU in Chromium (WebGPU on SwiftShader)", { webgpu: true }, (session) => {
  it("computes the network on WebGPU, names it by the control, keeps backend=gpu in the link, and agrees with the CPU within float32 accuracy", async function () {
    this.timeout(600_000);
    const page = await session.open(`?${SMALL}`);
    await nextUpdate(page, "map", 0);
    expect((await backendStatus(page)).text).to.equal("Network: cpu, float64. Truth: cpu, float64.");
    const cpu: Awaited<ReturnType<typeof figureData>>[] = [];
    for (const name of NETWORK_FIGURES) cpu.push(await figureData(page, name)); // one download at a time

    const started = performance.now();
    const [profiles, maps] = [(await updates(page, "profile")).count, (await updates(page, "map")).count];
    await page.getByLabel("Compute the network on").selectOption("gpu");
    await nextUpdate(page, "profile", profiles, 300_000);
    await nextUpdate(page, "map", maps, 300_000);
    await computedOn(page, "gpu");
    console.log(`    first GPU figures (compiling every kernel): ${Math.round(performance.now() - started)} ms`);
    const { text, why } = await backendStatus(page);
    expect(text).to.match(/^Network: webgpu, float32 on .*swiftshader.*\. Truth: cpu, float64\.$/i);
    expect(why).to.match(/^webgpu \(WGSL\), float32 on .*swiftshader/i);
    expect(await figureNames(page)).to.have.members(SEED_FIGURES);
    await page.waitForFunction(() => new URLSearchParams(location.search).get("backend") === "gpu");

    for (const [f, name] of NETWORK_FIGURES.entries()) {
      const gpu = await figureData(page, name);
      const order = name.includes("-d1-") ? 1 : 2;
      expect(gpu.headers).to.deep.equal(cpu[f]!.headers);
      expect(gpu.truth, `${name}: the truth, float64 on the CPU either way`).to.deep.equal(cpu[f]!.truth);
      const error = scaledError(gpu.network, cpu[f]!.network, [gpu.points, 1, gpu.components]);
      expect(error.max, `${name}: the network's float32 derivatives`).to.be.at.most(TOLERANCE[order]);
      expect(error.max, `${name}: equal to the CPU's, so not computed in float32`).to.be.above(0);
    }

    // The link keeps the backend: a new page opens on the GPU.
    const link = new URL(page.url()).search;
    await page.close();
    const again = await session.open(link);
    expect(await again.getByLabel("Compute the network on").inputValue()).to.equal("gpu");
    await computedOn(again, "gpu");
  });
});

explorerSuite("explorer on the GPU in Chromium without WebGPU", {}, (session) => {
  it("computes the network with a gpu.js mode where WebGPU has no adapter, and says why not WebGPU", async () => {
    const page = await session.open(`?backend=gpu&maps=off&${SMALL}`);
    await computedOn(page, "gpu");
    const { text, why } = await backendStatus(page);
    expect(text).to.match(/^Network: gpu\.js\/(webgl2|webgl|webasm), float32\. Truth: cpu, float64\.$/);
    expect(why).to.match(/^gpu\.js\/\w+ \(gpu\.js [\d.]+\), float32;\nnot webgpu: navigator\.gpu gave no adapter/);
    expect(await figureNames(page)).to.include.members(["2-network-d1-profile", "2-network-d2-profile"]);
  });

  it("refuses an ONNX network on the GPU, saying to compute on the CPU or open an nnbma folder", async () => {
    const page = await session.open(`?compare=network&backend=gpu&maps=off&${SMALL}`);
    await page.locator("details.uploads summary").click();
    await page.getByLabel("ONNX file").setInputFiles(fileURLToPath(new URL("../../../testdata/onnx/seed-net.onnx", import.meta.url)));
    const alert = page.locator('.alert pre[data-source="profile"]');
    await alert.waitFor({ state: "visible", timeout: 60_000 });
    expect(await alert.textContent()).to.match(
      /^seed-net\.onnx: ONNX networks are made on the CPU backend only, not on "gpu\.js\/\w+"; compute on the CPU, or open an nnbma folder for the GPU\.$/,
    );
  });

  it("falls back to the CPU, saying why, when the GPU backend cannot start in the workers", async () => {
    // The gpu backend is the one module a worker loads later, and only for the GPU: refuse it.
    const page = await session.open(`?${SMALL}&maps=off`);
    await page.route(/\/assets\/.*\.js$/, (route) =>
      /\/assets\/(index|derivatives\.worker)-[\w-]+\.js$/.test(route.request().url()) ? route.continue() : route.abort(),
    );
    const profiles = (await updates(page, "profile")).count;
    await page.getByLabel("Compute the network on").selectOption("gpu");
    const note = page.locator(".backend-fallback");
    await note.waitFor({ state: "visible", timeout: 60_000 });
    expect(await note.textContent()).to.match(
      /^The GPU is unavailable here, so the CPU computes instead\. backend "gpu" is unavailable here: @nabla\/gpu could not be loaded \(.+\); use backend "cpu"$/,
    );
    await nextUpdate(page, "profile", profiles);
    await computedOn(page, "cpu");
    expect(await page.getByLabel("Compute the network on").inputValue()).to.equal("cpu");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("backend"));
    expect(await page.locator(".alert").textContent()).to.equal("");
  });
});
