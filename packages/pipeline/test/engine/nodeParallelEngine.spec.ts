import { expectAllclose } from "@nabla/testing";
import { expect } from "chai";
import { availableParallelism } from "node:os";
import type { DerivativeEngine } from "../../src/engine/engine.js";
import { inThreadEngine } from "../../src/engine/inThreadEngine.js";
import { CancelledError, ParamsError } from "../../src/errors.js";
import { loadModelFromDisk } from "../../src/node/loadModelFromDisk.js";
import { nodeParallelEngine } from "../../src/node/nodeParallelEngine.js";
import { abortAfterChunks } from "../helpers/abort.js";
import { fexampleRef, flatReference, seedNetRef } from "../helpers/references.js";

describe("nodeParallelEngine", () => {
  let engine: DerivativeEngine;
  before(() => (engine = nodeParallelEngine({ workers: 2, minPointsPerPart: 16 })));
  after(() => engine.close());

  it("defaults to one worker per core and refuses a bad count", () => {
    expect(availableParallelism()).to.be.at.least(1);
    expect(() => nodeParallelEngine({ workers: 0 })).to.throw(ParamsError, /workers/);
  });

  it("computes the seed network across two worker threads as the in-thread engine does, to 1e-12", async () => {
    const expected = flatReference("seed-net");
    const progress: number[] = [];
    const result = await engine.compute(
      { target: seedNetRef, points: expected.points, chunkSize: 50 },
      { onProgress: ({ done }) => progress.push(done) },
    );
    const single = await inThreadEngine({ loadModel: loadModelFromDisk }).compute({ target: seedNetRef, points: expected.points });
    expect([result.n, result.nIn, result.nOut]).to.deep.equal([300, 2, 3]);
    expectAllclose(result.value, single.value, { rtol: 1e-12, atol: 1e-12 }, "value");
    expectAllclose(result.jacobian!, single.jacobian!, { rtol: 1e-12, atol: 1e-12 }, "jacobian");
    expectAllclose(result.hessian!, single.hessian!, { rtol: 1e-12, atol: 1e-12 }, "hessian");
    expect(progress.at(-1)).to.equal(300);
  });

  it("stops every worker on abort: no more progress, and the next request, on both workers, is served at once", async () => {
    const points = new Float64Array(2 * 8192).map((_, i) => Math.cos(i));
    const { error, seen: chunks } = await abortAfterChunks(engine, { target: seedNetRef, points, chunkSize: 32 }, 2);
    expect(error).to.be.instanceOf(CancelledError);
    const started = performance.now();
    const next = await engine.compute({ target: fexampleRef, points: new Float64Array(2 * 64).fill(1), order: 0 });
    expect(Array.from(next.value.subarray(0, 3))).to.deep.equal([3, 1, 1]);
    expect(Array.from(next.value.subarray(-3))).to.deep.equal([3, 1, 1]);
    // Each worker had 128 chunks (seconds) left: only the one in flight when "cancel" arrived was computed.
    expect(performance.now() - started).to.be.below(1500);
    expect(chunks).to.equal(2);
  });
});
