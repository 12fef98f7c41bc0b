import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectAllclose, loadReference, testdataPath } from "@nabla/testing";
import { runInProcess, runProcess } from "./cli.js";

const tmp = mkdtempSync(join(tmpdir(), "nabla-eval-"));
const write = (name: string, content: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

describe("nabla eval --function", () => {
  const ref = loadReference("fexample");
  const points = testdataPath("reference/fexample.json");

  it("reproduces fexample.json from the seed's expressions, as a separate process", () => {
    const out = join(tmp, "fexample.json");
    const run = runProcess("eval", "--function", "x1 + 2*x2; x1^2; x1*x2^2", "--inputs", "x1,x2", "--points", points, "--out", out);
    expect(run.status, run.stderr).to.equal(0);
    const result = JSON.parse(readFileSync(out, "utf8"));
    expect(result.inputs).to.deep.equal(["x1", "x2"]);
    expect(result.outputs).to.have.length(3);
    expectAllclose(result.value, ref.value, { rtol: 1e-12, atol: 1e-12 }, "value");
    expectAllclose(result.jacobian, ref.jacobian, { rtol: 1e-12, atol: 1e-12 }, "jacobian");
    expectAllclose(result.hessian, ref.hessian, { rtol: 1e-12, atol: 1e-12 }, "hessian");
  });

  it("evaluates a catalogue id to the requested order, on stdout", async () => {
    const run = await runInProcess("eval", "--function", "fexample", "--points", points, "--order", "1");
    expect(run.status, run.stderr).to.equal(0);
    const result = JSON.parse(run.stdout);
    expect(result).to.have.keys(["inputs", "outputs", "value", "jacobian"]);
    expectAllclose(result.jacobian, ref.jacobian, { rtol: 1e-12, atol: 1e-12 });
  });

  it("reads a bare array of points", async () => {
    const run = await runInProcess("eval", "--function", "x1*x2", "--points", write("bare.json", "[[2, 3], [1, -1]]"), "--order", "0");
    expect(JSON.parse(run.stdout).value).to.deep.equal([[6], [-1]]);
  });
});

describe("nabla eval --model", () => {
  const ref = loadReference("seed-net");
  const points = testdataPath("reference/seed-net.json");

  it("reproduces seed-net.json from the seed network's folder, as a separate process", () => {
    const out = join(tmp, "seed.json");
    const run = runProcess("eval", "--model", testdataPath("nnbma/seed-net"), "--points", points, "--out", out);
    expect(run.status, run.stderr).to.equal(0);
    const result = JSON.parse(readFileSync(out, "utf8"));
    expectAllclose(result.value, ref.value, { rtol: 1e-9, atol: 1e-12 }, "value");
    expectAllclose(result.jacobian, ref.jacobian, { rtol: 1e-9, atol: 1e-12 }, "jacobian");
    expectAllclose(result.hessian, ref.hessian, { rtol: 1e-9, atol: 1e-12 }, "hessian");
  });

  it("computes only the outputs asked for, by index", async () => {
    const run = await runInProcess("eval", "--model", testdataPath("nnbma/seed-net"), "--points", points, "--outputs", "2");
    expect(run.status, run.stderr).to.equal(0);
    const result = JSON.parse(run.stdout);
    expect(result.outputs).to.have.length(1);
    expectAllclose(
      result.hessian,
      ref.hessian.map((h) => [h[2]!]),
      { rtol: 1e-9, atol: 1e-12 },
    );
  });

  it("differentiates with respect to the physical inputs with --physical", async () => {
    const phys = loadReference("fc-bn-elu-transformed.physical");
    const run = await runInProcess(
      "eval",
      "--model",
      testdataPath("nnbma/fc-bn-elu-transformed"),
      "--points",
      testdataPath("reference/fc-bn-elu-transformed.physical.json"),
      "--physical",
    );
    expect(run.status, run.stderr).to.equal(0);
    const result = JSON.parse(run.stdout);
    expect(result.inputs).to.have.length(4);
    expectAllclose(result.jacobian, phys.jacobian, { rtol: 1e-9, atol: 1e-12 });
    expectAllclose(result.hessian, phys.hessian, { rtol: 1e-9, atol: 1e-12 });
  });

  it("opens the ONNX export of the same network", async () => {
    const run = await runInProcess("eval", "--model", testdataPath("onnx/seed-net.onnx"), "--points", points, "--order", "1");
    expect(run.status, run.stderr).to.equal(0);
    expectAllclose(JSON.parse(run.stdout).jacobian, ref.jacobian, { rtol: 1e-9, atol: 1e-12 });
  });
});

describe("nabla eval: bad input exits 2 with one line", () => {
  const cases: [string, string[], RegExp][] = [
    ["a missing points file", ["--function", "fexample", "--points", join(tmp, "nope.json")], /nope\.json: cannot read the points file \(ENOENT\)/],
    ["points of the wrong width", ["--function", "fexample", "--points", "POINTS:[[1, 2, 3]]"], /point 0 has 3 coordinates, expected 2/],
    [
      "non-finite points",
      ["--function", "fexample", "--points", 'POINTS:{"points": [[1, null]]}'],
      /point 0, coordinate 1 is null, expected a finite number/,
    ],
    ["invalid JSON", ["--function", "fexample", "--points", "POINTS:{"], /not valid JSON/],
    ["a bad order", ["--function", "fexample", "--points", "POINTS:[[1, 2]]", "--order", "3"], /--order must be 0, 1 or 2/],
    ["both a model and a function", ["--function", "fexample", "--model", "x", "--points", "POINTS:[[1, 2]]"], /exactly one of --model/],
    ["an unknown option", ["--function", "fexample", "--bogus"], /Unknown option '--bogus'/],
    [
      "an unknown function",
      ["--function", "foo(x1)", "--points", "POINTS:[[1]]"],
      /^nabla eval: expression "foo\(x1\)", column 1: unknown function "foo"/,
    ],
    ["a missing model folder", ["--model", join(tmp, "no-such-net"), "--points", "POINTS:[[1, 2]]"], /no-such-net: no such file or folder/],
    ["a folder that is not an nnbma network", ["--model", tmp, "--points", "POINTS:[[1, 2]]"], /init\.pkl/],
    ["an unknown output name", ["--model", testdataPath("nnbma/merging"), "--points", "POINTS:[[1, 2]]", "--outputs", "zz"], /zz/],
    [
      "points of the wrong width for a model",
      ["--model", testdataPath("nnbma/seed-net"), "--points", "POINTS:[[1, 2, 3]]"],
      /point 0 has 3 coordinates, expected 2/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const argv = args.map((a, i) => (a.startsWith("POINTS:") ? write(`points-${what.replace(/\W/g, "")}-${i}.json`, a.slice(7)) : a));
      const run = await runInProcess("eval", ...argv);
      expect(run.status).to.equal(2);
      expect(run.stderr).to.match(message);
      // One line; an expression's error adds the expression with a caret under the column.
      expect(run.stderr.trim().split("\n")).to.have.length(what === "an unknown function" ? 3 : 1);
      expect(run.stdout).to.equal("");
    });
  }

  it("an unknown command", async () => {
    const run = await runInProcess("evaluate");
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(/unknown command "evaluate"/);
  });
});

describe("nabla functions", () => {
  it("lists the catalogue with fexample first", async () => {
    const run = await runInProcess("functions", "--json");
    const entries = JSON.parse(run.stdout);
    expect(entries[0].id).to.equal("fexample");
    expect(entries[0].inputs.map((i: { range: number[] }) => i.range)).to.deep.equal([
      [-2, 2],
      [-1, 1],
    ]);
  });
});
