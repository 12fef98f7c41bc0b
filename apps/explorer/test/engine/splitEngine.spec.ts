import { inThreadEngine, type ComputeRequest } from "@nabla/pipeline";
import { expect } from "chai";
import { splitEngine } from "../../src/engine/splitEngine.js";

describe("a map's points shared among engines", () => {
  const target = { kind: "function", source: { kind: "spec", spec: "fexample" } } as const;
  const points = Float64Array.from({ length: 2 * 301 }, (_, i) => Math.sin(i));
  const request: ComputeRequest = { target, points, order: 2, chunkSize: 50 };

  it("gives what one engine gives, with progress up to every point", async () => {
    const one = await inThreadEngine().compute(request);
    const progress: number[] = [];
    const split = splitEngine([inThreadEngine(), inThreadEngine(), inThreadEngine()]);
    const result = await split.compute(request, { onProgress: ({ done, total }) => progress.push(done / total) });
    expect(result.n).to.equal(301);
    expect(result.nOut).to.equal(3);
    expect([...result.value]).to.deep.equal([...one.value]);
    expect([...result.jacobian!]).to.deep.equal([...one.jacobian!]);
    expect([...result.hessian!]).to.deep.equal([...one.hessian!]);
    expect(progress.at(-1)).to.equal(1);
    await split.close();
  });

  it("stops every part when aborted", async () => {
    const controller = new AbortController();
    const split = splitEngine([inThreadEngine(), inThreadEngine()]);
    const pending = split.compute(request, { signal: controller.signal });
    controller.abort();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).to.equal("AbortError");
  });
});
