import { figureDataFromJson } from "@nabla/plot";
import { loadReference } from "@nabla/testing";
import { expect } from "chai";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportCommand } from "../src/commands/report.js";
import type { Io } from "../src/io.js";

interface Row {
  output: number;
  order: 0 | 1 | 2;
  count: number;
  absMax: number;
  absRms: number;
  relMax: number;
  relRms: number;
}

const seedFigures = ["1-truth", "2-network", "3-error"].flatMap((role) =>
  ["d1-profile", "d2-profile", "d1-map", "d2-map"].map((f) => `${role}-${f}`),
);

function captureIo(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, out: () => out, err: () => err };
}

/** Max and RMS of |f̂ − f| and |f̂ − f|/(|f| + eps) over points × components, per output and order. */
function expectedRows(points: number, eps: number): Row[] {
  const truth = loadReference("fexample");
  const net = loadReference("seed-net");
  const fields = ["value", "jacobian", "hessian"] as const;
  const rows: Row[] = [];
  for (let k = 0; k < 3; ++k) {
    for (const order of [0, 1, 2] as const) {
      const t: number[] = [];
      const m: number[] = [];
      for (let p = 0; p < points; ++p) {
        t.push(...[truth[fields[order]][p]![k]!].flat(2));
        m.push(...[net[fields[order]][p]![k]!].flat(2));
      }
      const abs = m.map((v, i) => v - t[i]!);
      const rel = abs.map((v, i) => v / (Math.abs(t[i]!) + eps));
      const max = (a: number[]) => Math.max(...a.map(Math.abs));
      const rms = (a: number[]) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
      rows.push({ output: k, order, count: abs.length, absMax: max(abs), absRms: rms(abs), relMax: max(rel), relRms: rms(rel) });
    }
  }
  return rows;
}

describe("nabla report (the default: the seed notebook)", function () {
  this.timeout(300_000);
  const out = mkdtempSync(join(tmpdir(), "nabla-report-"));
  const io = captureIo();
  after(() => rmSync(out, { recursive: true, force: true }));

  before(async () => {
    await reportCommand({ out }, io);
  });

  it("writes index.html, the twelve figures as SVG and PNG, the data and the marker, and a one-line summary", () => {
    expect(readdirSync(out).sort()).to.deep.equal(["data", "figures", "index.html", "report.json"]);
    expect(readdirSync(join(out, "figures")).sort()).to.deep.equal(seedFigures.flatMap((f) => [`${f}.png`, `${f}.svg`]).sort());
    expect(readdirSync(join(out, "data")).sort()).to.deep.equal([
      "errors.csv",
      "errors.json",
      "figure-data.json",
      "map.csv",
      "params.json",
      "profile.csv",
    ]);
    for (const f of seedFigures) {
      expect(
        readFileSync(join(out, "figures", `${f}.png`))
          .subarray(1, 4)
          .toString(),
      ).to.equal("PNG");
      expect(readFileSync(join(out, "figures", `${f}.svg`), "utf8")).to.match(/^<svg[^>]*class="nabla-figure/);
    }
    const lines = io.out().trim().split("\n");
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^nabla report: 1 written, 0 skipped, 0 failed in [\d.]+ s → .*index\.html$/);
  });

  it("samples the seed's profile at the reference points: x₁ from −2 to 2 (100 points) at x₂ = 1", () => {
    const reference = loadReference("seed-net").points.slice(0, 100);
    const csv = readFileSync(join(out, "data", "profile.csv"), "utf8")
      .trim()
      .split("\n");
    expect(csv[0]!.split(",").slice(0, 5)).to.deep.equal(["x1", "x2", "truth.f1", "truth.df1/dx1", "truth.df1/dx2"]);
    const points = csv.slice(1).map((line) => line.split(",").slice(0, 2).map(Number));
    expect(points).to.have.length(100);
    points.forEach(([a, b], p) => {
      expect(a).to.be.closeTo(reference[p]![0]!, 1e-15);
      expect(b).to.equal(reference[p]![1]);
    });
  });

  it("gives the error table computed directly from the PyTorch references on the same points", () => {
    const tables = JSON.parse(readFileSync(join(out, "data", "errors.json"), "utf8")) as {
      where: string;
      points: number;
      eps: number;
      rows: Row[];
    }[];
    expect(tables.map((t) => [t.where, t.points, t.eps])).to.deep.equal([
      ["profile", 100, 0.01],
      ["map", 10000, 0.01],
    ]);
    const expected = expectedRows(100, 0.01);
    const actual = tables[0]!.rows;
    expect(actual).to.have.length(9);
    actual.forEach((row, i) => {
      const want = expected[i]!;
      expect([row.output, row.order, row.count]).to.deep.equal([want.output, want.order, want.count]);
      for (const key of ["absMax", "absRms", "relMax", "relRms"] as const) {
        // The network's float64 derivatives agree with PyTorch's to ~1e-9 of their size.
        expect(row[key], `${key} of output ${row.output}, order ${row.order}`).to.be.closeTo(want[key], 1e-8 + 1e-6 * Math.abs(want[key]));
      }
    });
    // The page shows the same numbers.
    const html = readFileSync(join(out, "index.html"), "utf8");
    const shown = [...html.matchAll(/<table class="errors" data-grid="profile">[\s\S]*?<\/table>/g)][0]![0];
    const values = [...shown.matchAll(/data-value="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(values).to.deep.equal(actual.flatMap((r) => [r.absMax, r.absRms, r.relMax, r.relRms]));
  });

  it("writes a page that works offline: figures inline, the formula by KaTeX (HTML and MathML, fonts inside), the model, the parameters", () => {
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html.match(/<svg [^>]*class="nabla-figure/g)).to.have.length(12);
    expect(html).to.contain('class="katex-display"').and.to.contain("<math").and.to.contain("\\longmapsto");
    expect(html).to.contain("@font-face").and.to.contain("data:font/woff2;base64,");
    expect(html).not.to.match(/url\(fonts\//);
    expect(html).not.to.match(/<(script|link)\b/);
    expect(html).to.contain("layers_sizes: [2, 100, 100, 3]");
    expect(html).to.contain("x₁ ∈ [−2, 2], x₂ ∈ [−1, 1]");
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it("writes the figure data in @nabla/plot's format, and the parameters used", () => {
    const data = figureDataFromJson(JSON.parse(readFileSync(join(out, "data", "figure-data.json"), "utf8")));
    expect(data.profile?.x).to.have.length(100);
    expect(data.map?.network?.hessian).to.have.length(100 * 100 * 3 * 4);
    const params = JSON.parse(readFileSync(join(out, "data", "params.json"), "utf8")) as Record<string, unknown>;
    expect(params).to.deep.include({ function: "fexample", output: "f3", points: 100, mapPoints: 100, error: "relative", eps: 0.01 });
  });

  it("skips the finished report when run again, and writes it again with --force", async () => {
    const again = captureIo();
    await reportCommand({ out }, again);
    expect(again.out()).to.match(/1 skipped/);
    expect(again.err()).to.match(/finished already/);
    const marker = readFileSync(join(out, "report.json"), "utf8");
    const forced = captureIo();
    await reportCommand({ out, force: true }, forced);
    expect(forced.out()).to.match(/1 written, 0 skipped/);
    expect(existsSync(join(out, "index.html"))).to.equal(true);
    expect(readFileSync(join(out, "report.json"), "utf8")).not.to.equal(marker);
  });
});
