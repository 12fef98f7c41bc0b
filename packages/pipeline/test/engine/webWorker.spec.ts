import { expectAllclose } from "@nabla/testing";
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { workerEngine } from "../../src/engine/workerEngine.js";
import { WorkerError } from "../../src/errors.js";
import { webWorkerHandle } from "../../src/worker/webWorker.js";
import { loadModelSource } from "../../src/targets/loadModelSource.js";
import { modelFiles } from "../../src/targets/sources.js";
import { serveWebWorker, type ServeWebWorkerOptions } from "../../src/worker.js";
import { fexampleRef, flatReference, seedNetDir } from "../helpers/references.js";

/**
 * A Web Worker serving `options`, and its scope, stood in for by the two
 * ports of a channel (both are EventTargets with postMessage and transfer lists).
 */
function channelWorker(options: ServeWebWorkerOptions = {}) {
  const { port1, port2 } = new MessageChannel();
  const stop = serveWebWorker({ ...options, scope: port2 });
  const worker = Object.assign(port1, { terminate: () => port1.close() });
  const engine = workerEngine(webWorkerHandle(worker as unknown as Worker));
  port1.start();
  port2.start();
  return { engine, stop, port2 };
}

describe("webWorkerHandle and serveWebWorker", () => {
  it("compute through the message protocol, as a browser's worker would", async () => {
    const { engine, stop, port2 } = channelWorker();
    const expected = flatReference("fexample");
    const result = await engine.compute({ target: fexampleRef, points: expected.points, chunkSize: 128 });
    expectAllclose(result.hessian!, expected.hessian, { rtol: 1e-12, atol: 1e-12 });
    stop();
    await engine.close();
    port2.close();
    const after = await engine.describe(fexampleRef).then(
      () => null,
      (e: unknown) => e,
    );
    expect(after).to.be.instanceOf(WorkerError);
  });

  it("opens a network sent as files once: the copy each request brings is known by its content", async () => {
    const loads: string[] = [];
    const { engine, stop, port2 } = channelWorker({
      loadModel: (source, options) => (loads.push(source.kind), loadModelSource(source, options)),
    });
    const files = Object.fromEntries(readdirSync(seedNetDir).map((name) => [name, new Uint8Array(readFileSync(join(seedNetDir, name)))]));
    const target = { kind: "model", source: modelFiles("seed-net", files), physical: false } as const;
    const expected = flatReference("seed-net");
    try {
      for (const at of [0, 4]) {
        const result = await engine.compute({ target, points: expected.points.subarray(2 * at, 2 * at + 8), order: 0 });
        expectAllclose(result.value, expected.value.subarray(3 * at, 3 * at + 12), { rtol: 1e-9 });
      }
      expect(await engine.describe(target)).to.deep.include({ title: "seed-net" });
      expect(loads).to.deep.equal(["files"]);
    } finally {
      stop();
      await engine.close();
      port2.close();
    }
  });
});
