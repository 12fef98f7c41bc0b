import { expect } from "chai";
import { meudonScaleDir } from "@nabla/testing";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { download, figureNames, figureText, nextUpdate, screenshot, SEED_FIGURES, updates } from "./helpers/page.js";
import { explorerSuite } from "./helpers/session.js";

const testdata = (path: string) => fileURLToPath(new URL(`../../../testdata/${path}`, import.meta.url));

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

explorerSuite("explorer in Chromium", {}, (session) => {
  let page: Page;
  const open = async (query = "") => (page = await session.open(query));

  it("draws the seed notebook's twelve figures and the error table by default", async () => {
    await open();
    await nextUpdate(page, "map", 0);
    expect(await figureNames(page)).to.have.members(SEED_FIGURES);
    // Fexample against the seed network, output f₃, as the notebook draws it.
    expect(await page.getByLabel("Function", { exact: true }).inputValue()).to.equal("fexample");
    expect(await figureText(page, "1-truth-d1-profile")).to.contain("∂f₃/∂x₁ vs x₁");
    expect(await figureText(page, "2-network-d2-map")).to.contain("∂²f̂₃/∂x₁∂x₂ vs x₁ and x₂");
    expect(await page.locator(".summary").textContent()).to.match(/FullyConnected[\s\S]*layers_sizes: \[2, 100, 100, 3\][\s\S]*GELU/);
    // The error table: value, Jacobian and Hessian of every output, along the profile and over the map.
    const rows = await page.$$eval(".error-tables table", (tables) =>
      tables.map((t) => [t.getAttribute("data-where"), t.querySelectorAll("tbody tr").length]),
    );
    expect(rows).to.deep.equal([
      ["profile", 9],
      ["map", 9],
    ]);
    const f3Hessian = await page.$$eval('.error-tables table[data-where="map"] tr[data-output="2"][data-order="2"] td.num', (cells) =>
      cells.map((c) => Number(c.textContent)),
    );
    expect(f3Hessian).to.have.length(4);
    for (const value of f3Hessian) expect(value).to.be.greaterThan(0).and.lessThan(100);
  });

  it("redraws the figures when a control moves, from the keyboard too", async () => {
    await open();
    await nextUpdate(page, "map", 0);
    const before = await figureText(page, "2-network-d1-profile");
    // x₂'s value (where the profiles along x₁ hold it): arrow keys on its slider.
    const { count } = await updates(page, "profile");
    const slider = page.getByLabel("x₂ held at", { exact: true });
    await slider.focus();
    await page.keyboard.press("ArrowLeft");
    await nextUpdate(page, "profile", count);
    const after = await figureText(page, "2-network-d1-profile");
    expect(after).to.not.equal(before);
    expect(after).to.contain("x₂ = 0.99");
    // The output: every figure follows.
    const maps = (await updates(page, "map")).count;
    const profiles = (await updates(page, "profile")).count;
    await page.getByLabel("Output drawn").selectOption({ label: "f2" });
    await nextUpdate(page, "profile", profiles);
    await nextUpdate(page, "map", maps);
    expect(await figureText(page, "1-truth-d1-map")).to.contain("∂f₂/∂x₁ vs x₁ and x₂");
    // The error measure.
    const errorBefore = await figureText(page, "3-error-d1-profile");
    const p = (await updates(page, "profile")).count;
    await page.getByLabel("Absolute f̂ − f").check();
    await nextUpdate(page, "profile", p);
    expect(await figureText(page, "3-error-d1-profile")).to.not.equal(errorBefore);
    expect(await page.locator('figure[data-name="3-error-d1-profile"] svg').textContent()).to.contain("Absolute error");
  });

  it("opens an nnbma folder picked with the folder picker and shows its summary and figures", async () => {
    await open();
    const count = (await updates(page, "profile")).count;
    await page.locator("details.uploads summary").click();
    await page.getByLabel("nnbma folder").setInputFiles(testdata("nnbma/seed-net"));
    await nextUpdate(page, "profile", count);
    expect(await page.getByLabel("Network", { exact: true }).inputValue()).to.equal("upload");
    expect(await page.locator(".status-line").textContent()).to.equal("seed-net: nnbma, 2 inputs, 3 outputs");
    expect(await page.locator(".summary").textContent()).to.match(/FullyConnected[\s\S]*parameters: 10703/);
    expect(await figureNames(page)).to.include.members(["2-network-d1-profile", "2-network-d2-profile", "3-error-d1-profile"]);
    await nextUpdate(page, "map", 0);
    expect(await figureNames(page)).to.have.members(SEED_FIGURES);
  });

  it("opens an ONNX file, alone, with ranges of its own", async () => {
    await open("?compare=network");
    const count = (await updates(page, "profile")).count;
    await page.locator("details.uploads summary").click();
    await page.getByLabel("ONNX file").setInputFiles(testdata("onnx/seed-net.onnx"));
    await nextUpdate(page, "profile", count);
    expect(await page.locator(".status-line").textContent()).to.equal("seed-net.onnx: onnx, 2 inputs, 3 outputs");
    expect(await figureNames(page)).to.include.members(["2-network-d1-profile", "2-network-d2-profile"]);
    expect(await figureNames(page)).to.not.include("1-truth-d1-profile");
  });

  it("shows an invalid expression's error, with its column, and keeps working", async () => {
    await open();
    await page.getByLabel("Function", { exact: true }).selectOption("custom");
    const textarea = page.getByLabel("Expressions, one per output");
    await textarea.fill("x1 + 2*x2; x1^; x1*x2^2");
    const error = page.locator(".custom-truth ~ pre.error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).to.contain('expression 2 of 3 "x1^", column 4');
    expect(await textarea.getAttribute("aria-invalid")).to.equal("true");
    await screenshot(page, "invalid-expression");
    // The figures drawn before stay; a fixed expression draws again.
    expect(await figureNames(page)).to.include("1-truth-d1-profile");
    const count = (await updates(page, "profile")).count;
    await textarea.fill("x1 + 2*x2; x1^2; sin(x1)*x2^2");
    await nextUpdate(page, "profile", count);
    await error.waitFor({ state: "hidden" });
    expect(await page.locator(".latex math").count()).to.equal(1);
    expect(await page.locator(".latex").textContent()).to.contain("sin");
  });

  it("reproduces a view from its URL", async () => {
    await open();
    // Set a view with the controls…
    let count = (await updates(page, "profile")).count;
    await page.getByLabel("Function", { exact: true }).selectOption("rosenbrock");
    await nextUpdate(page, "profile", count);
    count = (await updates(page, "profile")).count;
    await page.getByLabel("Profiles sweep").selectOption({ label: "y" });
    await nextUpdate(page, "profile", count);
    count = (await updates(page, "profile")).count;
    const maps = (await updates(page, "map")).count;
    await page.getByLabel("Values f").check();
    await nextUpdate(page, "profile", count);
    await nextUpdate(page, "map", maps);
    await page.waitForFunction(() => location.search.includes("sweep=1") && location.search.includes("orders=0"));
    const link = page.url();
    const names = await figureNames(page);
    const text = await figureText(page, "1-truth-d0-profile");
    await page.close();
    // …and open its link in a new page.
    await open(new URL(link).search);
    await nextUpdate(page, "map", 0);
    expect(await page.getByLabel("Function", { exact: true }).inputValue()).to.equal("rosenbrock");
    expect(await page.getByLabel("Profiles sweep").inputValue()).to.equal("1");
    expect(await figureNames(page)).to.deep.equal(names);
    expect(await figureText(page, "1-truth-d0-profile")).to.equal(text);
  });

  it("reads every parameter from a hand-written URL", async () => {
    await open("?truth=gaussian-bump&ranges=-1:1,-2:0.5&fixed=0.25,-1&sweep=1&map=1,0&error=absolute&eps=0.5&orders=2&points=40&mapPoints=30");
    await nextUpdate(page, "map", 0);
    expect(await page.getByLabel("x held at", { exact: true }).inputValue()).to.equal("0.25");
    expect(await page.getByLabel("y: highest value sampled").inputValue()).to.equal("0.5");
    expect(await page.getByLabel("Map: horizontal").inputValue()).to.equal("1");
    expect(await figureNames(page)).to.have.members(["1-truth-d2-profile", "1-truth-d2-map"]);
    expect(await figureText(page, "1-truth-d2-map")).to.contain("vs y and x");
  });

  it("downloads each figure as SVG, PNG and CSV", async () => {
    await open();
    const fetch = (format: "svg" | "png" | "csv") => download(page, "1-truth-d1-profile", format);
    const svg = await fetch("svg");
    expect(svg.name).to.equal("1-truth-d1-profile.svg");
    expect(svg.bytes.toString("utf8")).to.match(/^<\?xml[^]*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await fetch("png");
    expect(png.name).to.equal("1-truth-d1-profile.png");
    expect([...png.bytes.subarray(0, 8)]).to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).to.be.greaterThan(10_000);
    const csv = (await fetch("csv")).bytes.toString("utf8").trim().split("\n");
    expect(csv[0]).to.equal("x₁,∂f₃/∂x₁,∂f₃/∂x₂");
    expect(csv).to.have.length(101);
    expect(csv[1]!.split(",").map(Number)).to.deep.equal([-2, 1, -4]); // ∂(t₁t₂²) = (t₂², 2t₁t₂) at (−2, 1)
  });

  it("picks one of thousands of outputs by searching its name (Meudon-scale network)", async function () {
    const folder = meudonScaleDir();
    if (!folder) {
      console.log("    skipped: the Meudon-scale network is absent (NABLA_MEUDON_SCALE or ../shared/fixtures/nnbma/meudon-scale)");
      this.skip();
    }
    await open("?compare=network&maps=off&points=40");
    const count = (await updates(page, "profile")).count;
    await page.locator("details.uploads summary").click();
    await page.getByLabel("nnbma folder").setInputFiles(folder!);
    await nextUpdate(page, "profile", count);
    expect(await page.locator(".status-line").textContent()).to.equal("meudon-scale: nnbma, 4 inputs, 5375 outputs");
    const picker = page.getByRole("combobox", { name: "Output drawn" });
    await picker.fill("co_v0_j2");
    const options = page.getByRole("listbox").getByRole("option");
    expect(await options.first().textContent()).to.equal("co_v0_j2__v0_j1");
    const next = (await updates(page, "profile")).count;
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await nextUpdate(page, "profile", next);
    expect(await picker.inputValue()).to.equal("co_v0_j2__v0_j1");
    expect(await figureText(page, "2-network-d1-profile")).to.contain("∂co_v0_j2__v0_j1/∂P vs P");
  });

  it("labels every control", async () => {
    await open();
    const unlabelled = await page.$$eval("#controls input, #controls select, #controls textarea", (controls) =>
      controls
        .filter((c) => !(c as HTMLElement).closest("[hidden]"))
        .filter((c) => !(c.getAttribute("aria-label") || (c as HTMLInputElement).labels?.length || c.getAttribute("aria-labelledby")))
        .map((c) => c.outerHTML),
    );
    expect(unlabelled).to.deep.equal([]);
  });

  it("measures how long the figures take to follow a control (seed pair)", async () => {
    await open();
    await nextUpdate(page, "map", 0);
    const profile: number[] = [];
    const map: number[] = [];
    const slider = page.getByLabel("x₂ held at", { exact: true });
    for (let run = 0; run < 5; ++run) {
      const { count } = await updates(page, "profile");
      await slider.focus();
      await page.keyboard.press(run % 2 ? "ArrowRight" : "ArrowLeft");
      profile.push(await nextUpdate(page, "profile", count));
    }
    const low = page.getByLabel("x₁: lowest value sampled");
    for (let run = 0; run < 3; ++run) {
      const { count } = await updates(page, "map");
      await low.fill(String(-2 + 0.1 * (run + 1)));
      await low.press("Enter");
      map.push(await nextUpdate(page, "map", count));
    }
    console.log(`    profiles (100 points, truth + network, value/Jacobian/Hessian, drawn): median ${median(profile)} ms of ${profile.join(", ")}`);
    console.log(`    maps (100 × 100, truth + network, value/Jacobian/Hessian, drawn): median ${median(map)} ms of ${map.join(", ")}`);
  });
});
