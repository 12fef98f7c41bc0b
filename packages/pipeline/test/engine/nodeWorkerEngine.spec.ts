import { expectAllclose } from "@nabla/testing";
import { expect } from "chai";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { DerivativeEngine } from "../../src/engine/engine.js";
import { CancelledError, RemoteError, UnsupportedSourceError } from "../../src/errors.js";
import { nodeWorkerEngine, workerEntry } from "../../src/node/nodeWorkerEngine.js";
import { abortAfterChunks } from "../helpers/abort.js";
import { fexampleRef, flatReference, seedNetDir, seedNetRef } from "../helpers/references.js";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

describe("nodeWorkerEngine", () => {
  let engine: DerivativeEngine;
  before(() => (engine = nodeWorkerEngine()));
  after(() => engine.close());

  it("runs its worker from the sources under tsx", () => {
    expect(workerEntry().pathname).to.match(/src\/node\/worker\.ts$/);
  });

  for (const [name, ref] of [
    ["seed-net", seedNetRef],
    ["fexample", fexampleRef],
  ] as const) {
    it(`computes ${name} in the worker as PyTorch does, with progress, and leaves the caller's points alone`, async () => {
      const expected = flatReference(name);
      const progress: number[] = [];
      const points = expected.points.slice();
      const result = await engine.compute({ target: ref, points, chunkSize: 100 }, { onProgress: ({ done }) => progress.push(done) });
      expect(points).to.deep.equal(expected.points); // copied, then transferred
      expect(result.value).to.be.instanceOf(Float64Array);
      expectAllclose(result.value, expected.value, { rtol: 1e-9, atol: 1e-12 }, "value");
      expectAllclose(result.jacobian!, expected.jacobian, { rtol: 1e-9, atol: 1e-12 }, "jacobian");
      expectAllclose(result.hessian!, expected.hessian, { rtol: 1e-9, atol: 1e-12 }, "hessian");
      expect(progress).to.deep.equal([100, 200, 300]);
    });
  }

  it("describes a model in the worker", async () => {
    const info = await engine.describe(seedNetRef);
    expect(info).to.deep.include({ kind: "model", title: "seed-net", outputs: ["y1", "y2", "y3"] });
  });

  it("stops the worker's computation on abort: no more progress, and the next request is served at once", async () => {
    const points = new Float64Array(2 * 8192).map((_, i) => Math.cos(i));
    const { error, seen: chunks } = await abortAfterChunks(engine, { target: seedNetRef, points, chunkSize: 32 }, 2);
    expect(error).to.be.instanceOf(CancelledError);
    const started = performance.now();
    const next = await engine.compute({ target: fexampleRef, points: new Float64Array([1, 1]) });
    expect(Array.from(next.value)).to.deep.equal([3, 1, 1]);
    // The 256 chunks (several seconds) were not computed: only the one in flight when "cancel" arrived.
    expect(performance.now() - started).to.be.below(1000);
    expect(chunks).to.equal(2);
  });

  it("brings the worker's errors back with their name and message", async () => {
    const error = await engine
      .compute({ target: { kind: "function", source: { kind: "spec", spec: "x1 +* 2" } }, points: new Float64Array([1]) })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(RemoteError);
    expect((error as Error).name).to.equal("ExpressionError");
    expect((error as Error).message).to.contain("column");
  });

  it("refuses objects that cannot be posted", async () => {
    const error = await engine.describe({ kind: "function", source: { kind: "inline", fn: {} as never } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(UnsupportedSourceError);
  });

  it("runs its worker from the built dist under plain node", async function () {
    this.timeout(180_000);
    await run(process.execPath, [fileURLToPath(new URL("../../../../node_modules/typescript/bin/tsc", import.meta.url)), "-b", "tsconfig.lib.json"], {
      cwd: packageDir,
    });
    const expected = flatReference("seed-net");
    const truth = flatReference("fexample");
    const n = 10;
    const env = { ...process.env };
    delete env["NODE_OPTIONS"];
    const { stdout } = await run(
      process.execPath,
      ["test/fixtures/distWorker.mjs", seedNetDir, JSON.stringify(Array.from(expected.points.subarray(0, 2 * n)))],
      { cwd: packageDir, env },
    );
    const out = JSON.parse(stdout) as { entry: string; model: Record<string, number[]>; truth: Record<string, number[]> };
    expect(out.entry).to.match(/dist\/node\/worker\.js$/);
    expectAllclose(out.model["value"]!, expected.value.subarray(0, 3 * n), { rtol: 1e-9, atol: 1e-12 });
    expectAllclose(out.model["hessian"]!, expected.hessian.subarray(0, 12 * n), { rtol: 1e-9, atol: 1e-12 });
    expectAllclose(out.truth["jacobian"]!, truth.jacobian.subarray(0, 6 * n), { rtol: 1e-12, atol: 1e-12 });
  });
});
