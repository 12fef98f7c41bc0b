import { expectAllclose } from "@nabla/testing";
import { expect } from "chai";
import { MessageChannel } from "node:worker_threads";
import { workerEngine } from "../../src/engine/workerEngine.js";
import { WorkerError } from "../../src/errors.js";
import { webWorkerHandle } from "../../src/worker/webWorker.js";
import { serveWebWorker } from "../../src/worker.js";
import { fexampleRef, flatReference } from "../helpers/references.js";

/**
 * A Web Worker and its scope stood in for by the two ports of a channel
 * (both are EventTargets with postMessage and transfer lists).
 */
describe("webWorkerHandle and serveWebWorker", () => {
  it("compute through the message protocol, as a browser's worker would", async () => {
    const { port1, port2 } = new MessageChannel();
    const stop = serveWebWorker({ scope: port2 });
    const worker = Object.assign(port1, { terminate: () => port1.close() });
    const engine = workerEngine(webWorkerHandle(worker as unknown as Worker));
    port1.start();
    port2.start();
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
});
