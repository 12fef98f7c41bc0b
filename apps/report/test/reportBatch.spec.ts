import { inThreadEngine } from "@nabla/pipeline";
import { loadModelFromDisk } from "@nabla/pipeline/node";
import { testdataPath } from "@nabla/testing";
import { expect } from "chai";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportCommand } from "../src/commands/report.js";
import { ReportsFailedError } from "../src/report/reportErrors.js";
import type { Io } from "../src/io.js";

function captureIo(tty = false): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t), isTTY: tty }, out: () => out, err: () => err };
}

/** Five small configurations: the seed's comparison with other settings, a function alone, a model with ranges. */
const batch = [
  { name: "seed-f1", output: 0, points: 12, mapPoints: 6 },
  { name: "seed-f2-absolute", output: "f2", error: "absolute", points: 12, mapPoints: 6 },
  { name: "rosenbrock", function: "rosenbrock", model: null, points: 10, mapPoints: 5 },
  { function: "x1^2 + sin(x2); x1*x2", model: null, points: 10, mapPoints: 5, orders: [0, 1] },
  {
    name: "net-alone",
    function: null,
    model: testdataPath("nnbma/seed-net"),
    ranges: [
      [-1, 1],
      [-1, 1],
    ],
    points: 10,
    mapPoints: 5,
  },
];
const folders = ["seed-f1", "seed-f2-absolute", "rosenbrock", "003-expr", "net-alone"];

describe("nabla report --config (batches)", function () {
  this.timeout(300_000);
  const engine = () => inThreadEngine({ loadModel: loadModelFromDisk });
  let dir: string;
  let config: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "nabla-batch-"));
    config = join(dir, "batch.json");
    writeFileSync(config, JSON.stringify(batch));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("--shard i/n splits a 5-configuration batch into disjoint parts that together are the whole", async () => {
    const out = join(dir, "out");
    const parts: string[][] = [];
    for (let i = 0; i < 3; ++i) {
      const before = existsSync(out) ? readdirSync(out) : [];
      const io = captureIo();
      await reportCommand({ config, out, shard: `${i}/3` }, io, { engine });
      parts.push(
        readdirSync(out)
          .filter((f) => !before.includes(f))
          .sort(),
      );
      expect(io.out()).to.match(new RegExp(`^nabla report: ${parts[i]!.length} written, 0 skipped, 0 failed`));
    }
    expect(parts).to.deep.equal([["003-expr", "seed-f1"], ["net-alone", "seed-f2-absolute"], ["rosenbrock"]]);
    expect(parts.flat().sort()).to.deep.equal([...folders].sort());
    for (const f of folders) expect(existsSync(join(out, f, "report.json")), f).to.equal(true);
    // What each drew: the seed's twelve figures; a function alone, the truth's; a model alone, the network's.
    expect(readdirSync(join(out, "seed-f1", "figures"))).to.have.length(24);
    expect(readdirSync(join(out, "rosenbrock", "figures")).filter((f) => f.endsWith(".svg"))).to.deep.equal([
      "1-truth-d1-map.svg",
      "1-truth-d1-profile.svg",
      "1-truth-d2-map.svg",
      "1-truth-d2-profile.svg",
    ]);
    expect(readdirSync(join(out, "net-alone", "figures")).filter((f) => f.endsWith(".svg"))).to.have.length(4);
    expect(readdirSync(join(out, "003-expr", "figures")).filter((f) => f.endsWith(".svg"))).to.have.length(4);
    expect(JSON.parse(readFileSync(join(out, "seed-f2-absolute", "data", "params.json"), "utf8"))).to.deep.include({
      output: "f2",
      error: "absolute",
    });

    // Every shard again: all finished, all skipped.
    const io = captureIo();
    await reportCommand({ config, out, jobs: "2" }, io, { engine });
    expect(io.out()).to.match(/^nabla report: 0 written, 5 skipped, 0 failed/);
  });

  it("--jobs k runs k reports at once and draws a progress bar on a terminal", async () => {
    const out = join(dir, "out");
    const io = captureIo(true);
    await reportCommand({ config, out, jobs: "3" }, io, { engine });
    expect(io.out()).to.match(/^nabla report: 5 written, 0 skipped, 0 failed/);
    expect(readdirSync(out).sort()).to.deep.equal([...folders].sort());
    // The progress bar redraws its line with the ANSI erase-line sequence.
    // eslint-disable-next-line no-control-regex
    expect(io.err()).to.match(/\r\x1b\[2K\[[█░]{24}\]\s+\d+%/);
    expect(io.err().match(/wrote /g)).to.have.length(5);
  });

  it("reports the configurations that fail, writes the others, and fails at the end", async () => {
    writeFileSync(
      config,
      JSON.stringify([batch[0], { name: "bad", output: 9, points: 10 }, { name: "lost", model: "no-such-folder", function: null, ranges: [[0, 1]] }]),
    );
    const io = captureIo();
    const error = await reportCommand({ config, out: join(dir, "out") }, io, { engine }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ReportsFailedError);
    expect(io.out()).to.match(/1 written, 0 skipped, 2 failed/);
    expect(io.err()).to.contain("report: bad: failed: params.output: got 9");
    expect(io.err()).to.match(/report: lost: failed: .*no-such-folder/);
  });

  it("writes one configuration (an object) into --out itself", async () => {
    writeFileSync(config, JSON.stringify({ function: "himmelblau", points: 8, mapPoints: 4 }));
    const out = join(dir, "single");
    const io = captureIo();
    await reportCommand({ config, out }, io, { engine });
    expect(readdirSync(out).sort()).to.deep.equal(["data", "figures", "index.html", "report.json"]);
  });
});
