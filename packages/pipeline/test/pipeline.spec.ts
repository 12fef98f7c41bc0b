import { expect } from "chai";
import { filter, firstValueFrom, of, Subject, type Observable } from "rxjs";
import { inThreadEngine } from "../src/engine/inThreadEngine.js";
import type { ComputeOptions, ComputeRequest, DerivativeEngine } from "../src/engine/engine.js";
import { CancelledError, ParamsError } from "../src/errors.js";
import type { PipelineEvent } from "../src/events.js";
import type { FigureSpec } from "../src/figures/figureSpec.js";
import { loadModelFromDisk } from "../src/node/loadModelFromDisk.js";
import { nodeWorkerEngine } from "../src/node/nodeWorkerEngine.js";
import type { Params } from "../src/params/params.js";
import { createPipeline } from "../src/pipeline.js";
import { expectFloat32Close } from "./helpers/float32.js";
import { seedNetDir } from "./helpers/references.js";

/** An engine that counts what it is asked to compute, the chunks it computes, and how its requests end. */
function countingEngine(engine: DerivativeEngine) {
  const counts = { computations: 0, chunks: 0, cancelled: 0, finished: 0 };
  const counted: DerivativeEngine = {
    describe: (target, options) => engine.describe(target, options),
    async compute(request: ComputeRequest, options: ComputeOptions = {}) {
      counts.computations++;
      try {
        const result = await engine.compute(request, { ...options, onProgress: (p) => (counts.chunks++, options.onProgress?.(p)) });
        counts.finished++;
        return result;
      } catch (error) {
        if (error instanceof CancelledError) counts.cancelled++;
        throw error;
      }
    },
    close: () => engine.close(),
  };
  return { engine: counted, counts };
}

/**
 * Records the events; `send(params, type)` sends parameters and resolves with
 * the first event of that type after them (not the replayed latest one).
 */
function record(params$: Subject<Params>, events$: Observable<PipelineEvent<string>>) {
  const events: PipelineEvent<string>[] = [];
  const live = new Subject<void>();
  const subscription = events$.subscribe((e) => (events.push(e), live.next()));
  const after = <T extends PipelineEvent<string>["type"]>(mark: number, type: T) =>
    new Promise<Extract<PipelineEvent<string>, { type: T }>>((resolve) => {
      const found = () => events.slice(mark).find((e): e is Extract<PipelineEvent<string>, { type: T }> => e.type === type);
      const check = () => {
        const hit = found();
        if (hit) {
          watch?.unsubscribe();
          resolve(hit);
        }
        return hit;
      };
      const watch = check() ? undefined : live.subscribe(check);
    });
  const send = <T extends PipelineEvent<string>["type"]>(params: Params, type: T) => {
    const mark = events.length;
    params$.next(params);
    return after(mark, type);
  };
  return { events, subscription, send };
}

const seed = (extra: Params = {}): Params => ({
  truth: "fexample",
  model: { kind: "path", path: seedNetDir },
  points: 30,
  mapPoints: 12,
  chunkSize: 64,
  ...extra,
});
const render = (spec: FigureSpec) => spec.name;

describe("createPipeline", () => {
  it("emits progress then the result, in order; a change of output or error measure draws again with nothing recomputed", async () => {
    const { engine, counts } = countingEngine(inThreadEngine({ loadModel: loadModelFromDisk }));
    const params$ = new Subject<Params>();
    const { events, subscription, send } = record(params$, createPipeline(params$, { engine, render }));

    const first = await send(seed({ output: 0 }), "result");
    expect(counts).to.deep.include({ computations: 2, finished: 2 }); // the truth and the model
    const progress = events.filter((e) => e.type === "progress");
    expect(progress.length).to.be.at.least(4); // two chunks of 64 for 174 points, per target
    expect(events.at(-1)).to.equal(first);
    const fractions = progress.map((e) => (e as { fraction: number }).fraction);
    expect(fractions).to.deep.equal([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).to.equal(1);
    expect(first.rendered).to.have.length(12);
    expect(first.figures[0]!.options.output).to.equal(0);

    const before = events.length;
    const second = await send(seed({ output: 2 }), "result");
    const third = await send(seed({ output: 2, error: "absolute", eps: 0.5, orders: [0, 1, 2] }), "result");
    expect(counts.computations).to.equal(2);
    expect(events.slice(before).map((e) => e.type)).to.deep.equal(["result", "result"]);
    expect(second.derivatives).to.equal(first.derivatives);
    expect(second.figures.map((f) => f.options.output)).to.deep.equal(Array(12).fill(2));
    expect(third.rendered).to.have.length(18);
    expect(third.errors[0]!.eps).to.equal(0.5);
    subscription.unsubscribe();
  });

  it("cancels the computation in progress when a parameter changes, and computes the new one", async () => {
    const { engine, counts } = countingEngine(inThreadEngine({ loadModel: loadModelFromDisk }));
    const params$ = new Subject<Params>();
    const { events, subscription, send } = record(params$, createPipeline(params$, { engine }));

    // 100 × 100 map: 160 chunks of 64 points per target.
    await send(seed({ points: 100, mapPoints: 100 }), "progress");
    const result = await send(seed({ points: 20 }), "result");
    expect(result.params.points).to.equal(20);
    expect(counts.cancelled).to.equal(2);
    expect(counts.computations).to.equal(4); // the cancelled truth and model (requested at once), then the new ones
    // The big grid's truth and model stopped after their first chunks, far from their 160 each.
    const bigChunks = events.filter((e) => e.type === "progress" && e.params.points === 100).length;
    expect(bigChunks).to.be.below(2 * 4);
    expect(counts.chunks).to.be.below(2 * 4 + 2 * 2);
    expect(events.filter((e) => e.type === "result")).to.have.length(1);
    subscription.unsubscribe();
  });

  it("gives an error state for a bad parameter and keeps serving: the next good one gives a result", async () => {
    const { engine, counts } = countingEngine(inThreadEngine({ loadModel: loadModelFromDisk }));
    const params$ = new Subject<Params>();
    const { events, subscription, send } = record(params$, createPipeline(params$, { engine }));

    const error = await send(seed({ output: 7 }), "error");
    expect(error.error).to.be.instanceOf(ParamsError);
    expect(error.error.message).to.equal("params.output: got 7; expected an output index 0–2 or one of the names f1, f2, f3");
    expect((await send(seed({ model: { kind: "path", path: "/no/such/folder" } }), "error")).error.message).to.contain("/no/such/folder");
    const result = await send(seed({ output: 1 }), "result");
    expect(result.params.output).to.equal(1);
    expect(events.map((e) => e.type).filter((t) => t !== "progress")).to.deep.equal(["error", "error", "result"]);
    expect(counts.computations).to.equal(2);
    subscription.unsubscribe();
  });

  it("gives the same results on a worker engine as in this thread", async () => {
    const worker = nodeWorkerEngine();
    try {
      const params = seed({ points: 10, mapPoints: 5 });
      const resultOn = (engine: DerivativeEngine) =>
        firstValueFrom(
          createPipeline(of(params), { engine }).pipe(filter((e): e is Extract<PipelineEvent<never>, { type: "result" }> => e.type === "result")),
        );
      const inWorker = await resultOn(worker);
      const here = await resultOn(inThreadEngine({ loadModel: loadModelFromDisk }));
      expect(inWorker.derivatives.model!.map!.hessian).to.deep.equal(here.derivatives.model!.map!.hessian);
      expect(inWorker.errors).to.deep.equal(here.errors);
    } finally {
      await worker.close();
    }
  });

  it("computes only the drawn output of a model with many outputs (through restrict), so a change of output recomputes the network only", async () => {
    const { engine, counts } = countingEngine(inThreadEngine({ loadModel: loadModelFromDisk }));
    const params$ = new Subject<Params>();
    const { events, subscription, send } = record(params$, createPipeline(params$, { engine, render }));
    // restrictAbove 2: the seed network's 3 outputs count as many.
    const first = await send(seed({ output: 2, restrictAbove: 2 }), "result");
    expect(first.params.restricted).to.equal(true);
    expect(first.derivatives.model!.outputs).to.deep.equal([2]);
    expect(first.derivatives.model!.profile.value).to.have.length(30);
    expect(first.errors[0]!.rows.map((r) => r.output)).to.deep.equal([2, 2, 2]);
    expect(first.figures[0]!.data.nOut).to.equal(1);
    expect(first.rendered).to.have.length(12);
    const before = events.length;
    const second = await send(seed({ output: 0, restrictAbove: 2 }), "result");
    expect(second.derivatives.model!.outputs).to.deep.equal([0]);
    expect(counts.computations).to.equal(3); // truth and network, then the network's output 0 only
    // The truth came from the cache: the network's progress alone still runs to the end.
    const fractions = events.slice(before).flatMap((e) => (e.type === "progress" ? [e.fraction] : []));
    expect(fractions.length).to.be.above(0);
    expect(fractions.at(-1)).to.equal(1);
    subscription.unsubscribe();
  });

  it("computes the network on the gpu backend and the truth on the CPU, says so in the result, and recomputes only the network for another backend", async () => {
    const { engine, counts } = countingEngine(inThreadEngine({ loadModel: loadModelFromDisk }));
    const params$ = new Subject<Params>();
    const { subscription, send } = record(params$, createPipeline(params$, { engine }));
    const small = { points: 10, mapPoints: 5 };
    try {
      const gpu = await send(seed({ ...small, backend: "gpu" }), "result");
      expect(gpu.params.backend).to.equal("gpu");
      expect(gpu.derivatives.model!.computedOn).to.deep.include({ backend: "gpu", precision: "float32" });
      expect(gpu.derivatives.truth!.computedOn).to.deep.include({ backend: "cpu", precision: "float64" });
      const cpu = await send(seed(small), "result");
      expect(counts.computations).to.equal(3); // the truth once, the network on each backend
      expect(cpu.derivatives.model!.computedOn.backend).to.equal("cpu");
      expect(gpu.derivatives.truth).to.equal(cpu.derivatives.truth);
      expectFloat32Close(gpu.derivatives.model!.profile, cpu.derivatives.model!.profile, 10, 2, 3, "profile");
      expectFloat32Close(gpu.derivatives.model!.map!, cpu.derivatives.model!.map!, 25, 2, 3, "map");
    } finally {
      subscription.unsubscribe();
      await engine.close();
    }
  });

  it("shares one computation among subscribers and replays the latest event to a late one", async () => {
    const { engine, counts } = countingEngine(inThreadEngine({ loadModel: loadModelFromDisk }));
    const params$ = new Subject<Params>();
    const events$ = createPipeline(params$, { engine });
    const a = record(params$, events$);
    const result = await a.send(seed(), "result");
    let late: PipelineEvent<string> | undefined;
    const b = events$.subscribe((e) => (late ??= e));
    expect(late).to.equal(result);
    expect(counts.computations).to.equal(2);
    a.subscription.unsubscribe();
    b.unsubscribe();
  });
});
