import { expectAllclose } from "@nabla/testing";
import { expect } from "chai";
import type { ComputeOptions, ComputeRequest, DerivativeEngine } from "../../src/engine/engine.js";
import { inThreadEngine } from "../../src/engine/inThreadEngine.js";
import { parallelEngine, splitPoints } from "../../src/engine/parallelEngine.js";
import { CancelledError, ParamsError } from "../../src/errors.js";
import { loadModelFromDisk } from "../../src/node/loadModelFromDisk.js";
import { fexampleRef, flatReference, seedNetRef } from "../helpers/references.js";

/** An in-thread engine that records the points it was given and whether its signal was aborted. */
function recording(): DerivativeEngine & { calls: { n: number; aborted: () => boolean }[] } {
  const inner = inThreadEngine({ loadModel: loadModelFromDisk });
  const calls: { n: number; aborted: () => boolean }[] = [];
  return {
    calls,
    describe: (target, options) => inner.describe(target, options),
    compute(request: ComputeRequest, options: ComputeOptions = {}) {
      calls.push({ n: request.points.length / 2, aborted: () => options.signal?.aborted ?? false });
      return inner.compute(request, options);
    },
    close: () => inner.close(),
  };
}

describe("parallelEngine", () => {
  it("splits points into contiguous parts of at least the minimum, in order", () => {
    expect(splitPoints(10, 3, 1)).to.deep.equal([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(splitPoints(100, 2, 64)).to.deep.equal([[0, 100]]);
    expect(splitPoints(300, 4, 64)).to.deep.equal([
      [0, 75],
      [75, 150],
      [150, 225],
      [225, 300],
    ]);
    expect(splitPoints(0, 2, 64)).to.deep.equal([[0, 0]]);
  });

  it("refuses no engines and a bad minimum", () => {
    expect(() => parallelEngine([])).to.throw(ParamsError, /at least one engine/);
    expect(() => parallelEngine([inThreadEngine()], { minPointsPerPart: 0 })).to.throw(ParamsError, /minPointsPerPart/);
  });

  for (const [name, ref] of [
    ["seed-net", seedNetRef],
    ["fexample", fexampleRef],
  ] as const) {
    it(`joins the parts of ${name} in order, equal to one in-thread engine to 1e-12, with summed progress`, async () => {
      const expected = flatReference(name);
      const engines = [recording(), recording(), recording()];
      const engine = parallelEngine(engines, { minPointsPerPart: 1 });
      const progress: number[] = [];
      const result = await engine.compute(
        { target: ref, points: expected.points, chunkSize: 50 },
        { onProgress: ({ done, total }) => (expect(total).to.equal(300), progress.push(done)) },
      );
      const single = await inThreadEngine({ loadModel: loadModelFromDisk }).compute({ target: ref, points: expected.points });
      expect(engines.map((e) => e.calls.map((c) => c.n))).to.deep.equal([[100], [100], [100]]);
      expect([result.n, result.nIn, result.nOut]).to.deep.equal([300, 2, 3]);
      expectAllclose(result.value, single.value, { rtol: 1e-12, atol: 1e-12 }, "value");
      expectAllclose(result.jacobian!, single.jacobian!, { rtol: 1e-12, atol: 1e-12 }, "jacobian");
      expectAllclose(result.hessian!, single.hessian!, { rtol: 1e-12, atol: 1e-12 }, "hessian");
      expectAllclose(result.hessian!, expected.hessian, { rtol: 1e-9, atol: 1e-12 }, "hessian vs PyTorch");
      expect(progress.at(-1)).to.equal(300);
      expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
    });
  }

  it("runs a small request on one engine", async () => {
    const engines = [recording(), recording()];
    const result = await parallelEngine(engines).compute({ target: fexampleRef, points: new Float64Array([1, 1, 0.5, 0.5]), order: 0 });
    expect(result.n).to.equal(2);
    expect(result.jacobian).to.equal(undefined);
    expect(engines.map((e) => e.calls.length)).to.deep.equal([1, 0]);
  });

  it("aborts every part when the caller aborts, and rejects with a CancelledError", async () => {
    const engines = [recording(), recording()];
    const controller = new AbortController();
    let chunks = 0;
    const points = new Float64Array(2 * 4096).map((_, i) => Math.sin(i));
    const work = parallelEngine(engines).compute(
      { target: seedNetRef, points, chunkSize: 32 },
      {
        signal: controller.signal,
        onProgress: () => {
          if (++chunks === 3) controller.abort();
        },
      },
    );
    expect(
      await work.then(
        () => null,
        (e: unknown) => e,
      ),
    ).to.be.instanceOf(CancelledError);
    expect(engines.map((e) => e.calls.map((c) => c.aborted()))).to.deep.equal([[true], [true]]);
    expect(chunks).to.be.below(6);
  });

  it("aborts the other parts when one fails, and rejects with its error", async () => {
    const good = recording();
    const failing: DerivativeEngine = { ...recording(), compute: async () => Promise.reject(new RangeError("part failed")) };
    const points = new Float64Array(2 * 2048).map((_, i) => Math.cos(i));
    const error = await parallelEngine([good, failing])
      .compute({ target: seedNetRef, points, chunkSize: 32 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(RangeError).with.property("message", "part failed");
    expect(good.calls[0]!.aborted()).to.equal(true);
  });

  it("rejects at once when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await parallelEngine([inThreadEngine()])
      .compute({ target: fexampleRef, points: new Float64Array([1, 1]) }, { signal: controller.signal })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(CancelledError);
  });
});
