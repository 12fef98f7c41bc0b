import { scaledError } from "@nabla/gpu";
import { figureDataFromJson, type FigureData } from "@nabla/plot";
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInProcess, type Run } from "./cli.js";

/** Float32 accuracy that @nabla/gpu's README states against float64, scaled by each output's magnitude. */
const TOLERANCE = { value: 1e-4, jacobian: 1e-4, hessian: 1e-3 } as const;

/** The seed's comparison on a small grid: gpu.js's webasm mode, which Node gets here, is slow. */
const SMALL = { points: 12, mapPoints: 6 };

describe("nabla report --backend", function () {
  this.timeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), "nabla-report-backend-"));
  const config = join(dir, "small.json");
  writeFileSync(config, JSON.stringify(SMALL));
  const runs: Record<"cpu" | "gpu", Run> = {} as never;
  const read = (backend: string, file: string) => readFileSync(join(dir, backend, file), "utf8");
  const data = (backend: string): FigureData => figureDataFromJson(JSON.parse(read(backend, "data/figure-data.json")));

  before(async () => {
    for (const backend of ["cpu", "gpu"] as const) {
      runs[backend] = await runInProcess("report", "--config", config, "--backend", backend, "--out", join(dir, backend));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("names the gpu backend's mode on stderr, and what computed each side", () => {
    const run = runs.gpu;
    expect(run.status, run.stderr).to.equal(0);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines, run.stderr).to.have.length(2);
    expect(lines[0]).to.match(/^report: gpu: gpu backend gpu\.js\/\w+ \(gpu\.js [\d.]+\), float32/);
    expect(lines[1]).to.match(
      /^report: gpu: wrote .*index\.html in [\d.]+ s, the network on gpu\.js\/\w+ in float32, the function on cpu in float64$/,
    );
    expect(runs.cpu.stderr).to.match(
      /^report: cpu: wrote .*index\.html in [\d.]+ s, the network on cpu in float64, the function on cpu in float64\n$/,
    );
  });

  it("says in the page that the network was computed in float32, and on what", () => {
    const html = read("gpu", "index.html");
    expect(html).to.match(
      /<p class="computed-on">Computed with the network on gpu\.js\/\w+ in float32, the function on cpu in float64 — the network's derivatives in float32/,
    );
    expect(html).to.match(/<tr><th>network computed on<\/th><td>gpu\.js\/\w+ \(gpu\.js [\d.]+\), float32/);
    expect(html).to.contain("<tr><th>function computed on</th><td>cpu, float64 (the reference)</td></tr>");
    expect(read("cpu", "index.html")).to.contain("<tr><th>network computed on</th><td>cpu, float64 (the reference)</td></tr>");
    expect(JSON.parse(read("gpu", "data/params.json"))).to.deep.include({ backend: "gpu" });
  });

  it("draws the network's derivatives within float32 accuracy of the CPU's, and the function's exactly the same", () => {
    const [gpu, cpu] = [data("gpu"), data("cpu")];
    for (const part of ["profile", "map"] as const) {
      const g = gpu[part]!,
        c = cpu[part]!;
      const n = part === "profile" ? SMALL.points : SMALL.mapPoints ** 2;
      expect(g.truth).to.deep.equal(c.truth);
      const shapes = { value: [n, 3], jacobian: [n, 3, 2], hessian: [n, 3, 2, 2] };
      for (const key of ["value", "jacobian", "hessian"] as const) {
        const error = scaledError(g.network![key]!, c.network![key]!, shapes[key]);
        expect(error.max, `${part} ${key}: ${error.perOutput.join(", ")}`).to.be.at.most(TOLERANCE[key]);
        expect(error.max, `${part} ${key} looks computed in float64`).to.be.above(0);
      }
    }
  });

  it("refuses another backend, on the command line and in a configuration", async () => {
    const flag = await runInProcess("report", "--backend", "tpu", "--out", join(dir, "never"));
    expect([flag.status, flag.stdout, flag.stderr]).to.deep.equal([2, "", 'nabla report: --backend must be cpu or gpu, got "tpu"\n']);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ backend: "tpu" }));
    const entry = await runInProcess("report", "--config", bad, "--out", join(dir, "never"));
    expect(entry.status).to.equal(2);
    expect(entry.stderr).to.equal(`nabla report: ${bad}: "backend" is "tpu"; expected "cpu" or "gpu"\n`);
  });
});
