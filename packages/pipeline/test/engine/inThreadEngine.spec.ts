import { chooseHessianMethod, countWork } from "@nabla/autodiff";
import { expectAllclose } from "@nabla/testing";
import { tensor } from "@nabla/tensor";
import { expect } from "chai";
import { resolveFunction, type AnalyticFunction } from "@nabla/functions";
import { CHUNK_QUANTUM, DEFAULT_CHUNK_SIZE } from "../../src/engine/computeChunked.js";
import { inThreadEngine } from "../../src/engine/inThreadEngine.js";
import { CancelledError, UnsupportedSourceError } from "../../src/errors.js";
import { loadModelFromDisk } from "../../src/node/loadModelFromDisk.js";
import { abortAfterChunks } from "../helpers/abort.js";
import { fexampleRef, flatReference, seedNetDir, seedNetRef } from "../helpers/references.js";
import { modelFiles, type TargetRef } from "../../src/targets/sources.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

describe("inThreadEngine", () => {
  const engine = inThreadEngine({ loadModel: loadModelFromDisk });

  for (const [name, ref] of [
    ["seed-net", seedNetRef],
    ["fexample", fexampleRef],
  ] as const) {
    it(`computes ${name}'s value, Jacobian and Hessian at the reference points as PyTorch does`, async () => {
      const expected = flatReference(name);
      const progress: number[] = [];
      const result = await engine.compute({ target: ref, points: expected.points, chunkSize: 64 }, { onProgress: ({ done }) => progress.push(done) });
      expect([result.n, result.nIn, result.nOut]).to.deep.equal([300, 2, 3]);
      expectAllclose(result.value, expected.value, { rtol: 1e-9, atol: 1e-12 }, "value");
      expectAllclose(result.jacobian!, expected.jacobian, { rtol: 1e-9, atol: 1e-12 }, "jacobian");
      expectAllclose(result.hessian!, expected.hessian, { rtol: 1e-9, atol: 1e-12 }, "hessian");
      expect(progress).to.deep.equal([64, 128, 192, 256, 300]);
    });
  }

  it("describes a function and a model", async () => {
    const model = await engine.describe(seedNetRef);
    expect(model).to.deep.include({ kind: "model", title: "seed-net", inputs: ["x1", "x2"], outputs: ["y1", "y2", "y3"], format: "nnbma" });
    expect(model.summary).to.match(/layers_sizes: \[2, 100, 100, 3\]/);
    const fn = await engine.describe(fexampleRef);
    expect(fn).to.deep.include({ kind: "function", inputs: ["x1", "x2"], outputs: ["f1", "f2", "f3"] });
    expect(fn.latex).to.contain("\\longmapsto");
  });

  it("computes only the outputs of a restriction", async () => {
    const expected = flatReference("seed-net");
    const result = await engine.compute({
      target: { ...seedNetRef, outputs: [2] } as typeof seedNetRef,
      points: expected.points.subarray(0, 20),
      order: 1,
    });
    expect(result.nOut).to.equal(1);
    expect(result.hessian).to.equal(undefined);
    expectAllclose(
      result.value,
      expected.reference.value.slice(0, 10).map((v) => v[2]!),
      { rtol: 1e-9 },
    );
  });

  it("a network restricted to one output: value, Jacobian and Hessian from the pass that gathers the second derivatives in reverse, as PyTorch's", async () => {
    const model = (await loadModelFromDisk({ kind: "path", path: seedNetDir })).restrict([2]);
    // The engine's choice for these sizes and this work, made as it makes it: 2 + 1 forward passes and 1 reverse, against Taylor mode's 6.
    expect(chooseHessianMethod(2, 1, countWork(model.forward, tensor(new Float64Array(2))))).to.equal("taylorrev");
    const expected = flatReference("seed-net");
    const result = await engine.compute({
      target: { ...seedNetRef, outputs: [2] } as TargetRef,
      points: expected.points,
      chunkSize: 64,
    });
    const ref = expected.reference;
    expect([result.n, result.nIn, result.nOut]).to.deep.equal([300, 2, 1]);
    const tol = { rtol: 1e-9, atol: 1e-12 };
    expectAllclose(
      result.value,
      ref.value.map((v) => v[2]!),
      tol,
      "value",
    );
    expectAllclose(result.jacobian!, ref.jacobian.map((j) => j[2]!).flat(), tol, "jacobian");
    expectAllclose(result.hessian!, ref.hessian.map((h) => h[2]!).flat(2), tol, "hessian");
  });

  it("without a chunk size, starts with 256 points and grows chunks that take well under 25 ms, with the same results", async () => {
    // fexample on 20,000 points: a chunk of 256 takes about a millisecond.
    const points = new Float64Array(2 * 20_000).map((_, i) => Math.sin(i));
    const done: number[] = [];
    const grown = await engine.compute({ target: fexampleRef, points }, { onProgress: (p) => done.push(p.done) });
    const steps = done.map((d, i) => d - (done[i - 1] ?? 0));
    expect(steps[0]).to.equal(DEFAULT_CHUNK_SIZE);
    expect(Math.max(...steps)).to.be.above(DEFAULT_CHUNK_SIZE);
    steps.slice(1, -1).forEach((step, i) => expect(step, `chunk ${i + 2}`).to.be.at.most(4 * steps[i]!));
    // Whole quanta, so that the programs recorded for a chunk size serve again (the last chunk takes what is left).
    steps.slice(0, -1).forEach((step, i) => expect(step % CHUNK_QUANTUM, `chunk ${i + 1}: ${step} points`).to.equal(0));
    expect(done[done.length - 1]).to.equal(20_000);
    const fixed = await engine.compute({ target: fexampleRef, points, chunkSize: 256 });
    for (const key of ["value", "jacobian", "hessian"] as const) expect(grown[key], key).to.deep.equal(fixed[key]);
  });

  it("keeps a target's derivative functions between requests: the same request again runs its recorded programs, without calling f", async () => {
    const fexample = resolveFunction("fexample");
    let calls = 0;
    const counted: AnalyticFunction = { ...fexample, f: (x) => (calls++, fexample.f(x)) };
    const ref: TargetRef = { kind: "function", source: { kind: "inline", fn: counted } };
    const points = new Float64Array(2 * 1000).map((_, i) => Math.cos(i));
    const first = await engine.compute({ target: ref, points, chunkSize: 400 });
    expect(calls, "recorded: a shape trace and the programs for 400 and 200 points").to.be.above(0);
    const recorded = calls;
    const again = await engine.compute({ target: ref, points, chunkSize: 400 });
    expect(calls).to.equal(recorded);
    for (const key of ["value", "jacobian", "hessian"] as const) expect(again[key], key).to.deep.equal(first[key]);
    await engine.compute({ target: ref, points, chunkSize: 300 });
    expect(calls, "a new chunk size is recorded").to.be.above(recorded);
  });

  it("stops within a chunk when cancelled, and rejects with a CancelledError", async () => {
    const points = new Float64Array(2 * 4096).map((_, i) => Math.sin(i));
    const { error, seen: chunks } = await abortAfterChunks(engine, { target: seedNetRef, points, chunkSize: 32 }, 3);
    expect(error).to.be.instanceOf(CancelledError);
    expect(chunks).to.equal(3); // of 128
  });

  it("opens an nnbma folder given as files in memory (a folder picked in a browser) with the default loader", async () => {
    const files = Object.fromEntries(readdirSync(seedNetDir).map((name) => [name, new Uint8Array(readFileSync(join(seedNetDir, name)))]));
    const expected = flatReference("seed-net");
    const result = await inThreadEngine().compute({
      target: { kind: "model", source: modelFiles("seed-net", files), physical: false },
      points: expected.points.subarray(0, 8),
      order: 0,
    });
    expectAllclose(result.value, expected.value.subarray(0, 12), { rtol: 1e-9 });
  });

  it("refuses a path without a disk loader", async () => {
    const error = await inThreadEngine()
      .describe(seedNetRef)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(UnsupportedSourceError);
    expect((error as Error).message).to.contain("@nabla/pipeline/node");
  });
});
