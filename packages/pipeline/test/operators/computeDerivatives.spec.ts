import { map } from "rxjs";
import type { RunHelpers } from "rxjs/testing";
import type { GridJob } from "../../src/derivatives.js";
import type { DerivativeEvent } from "../../src/events.js";
import { computeDerivatives } from "../../src/operators/computeDerivatives.js";
import { fakeDerivatives, jobOf, resolved, testScheduler } from "../helpers/fixtures.js";

const a = jobOf(resolved({ points: 5 }));
const b = jobOf(resolved({ points: 6 }));
const show = (event: DerivativeEvent) => `${event.type[0]}${event.job.grid.profile.x.length}`;

/** A computation taking `marble`'s time: "p" a progress event, "r" the result, "#" a failure. */
function fakeCompute(cold: RunHelpers["cold"], marble: string) {
  const calls: { job: GridJob; events: ReturnType<typeof cold> }[] = [];
  const compute = (job: GridJob) => {
    const events = cold<DerivativeEvent>(
      marble,
      {
        p: { type: "progress", job, stage: "truth", done: 1, total: 2, fraction: 0.5 },
        r: { type: "ready", job, derivatives: fakeDerivatives(job) },
      },
      new RangeError("the model failed"),
    );
    calls.push({ job, events });
    return events;
  };
  return { compute, calls };
}

describe("computeDerivatives", () => {
  it("switches to the newest grid, unsubscribing from (so stopping) the computation in progress", () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const { compute, calls } = fakeCompute(cold, "--p--(r|)");
      const jobs = hot<GridJob | null>("-a--b-----|", { a, b });
      expectObservable(jobs.pipe(computeDerivatives(compute), map(show))).toBe("---p--q--r|", { p: "p5", q: "p6", r: "r6" });
      flush();
      expectSubscriptions(calls[0]!.events.subscriptions).toBe("-^--!");
      expectSubscriptions(calls[1]!.events.subscriptions).toBe("----^----!");
    });
  });

  it("serves a grid computed before from its cache, computing nothing", () => {
    testScheduler().run(({ cold, hot, expectObservable, flush }) => {
      const { compute, calls } = fakeCompute(cold, "-(r|)");
      const jobs = hot<GridJob | null>("-a--b--a--|", { a, b });
      expectObservable(jobs.pipe(computeDerivatives(compute), map(show))).toBe("--x--y-x--|", { x: "r5", y: "r6" });
      flush();
      if (calls.length !== 2) throw new Error(`expected 2 computations, got ${calls.length}`);
    });
  });

  it("keeps only `cacheSize` grids", () => {
    testScheduler().run(({ cold, hot, expectObservable, flush }) => {
      const { compute, calls } = fakeCompute(cold, "-(r|)");
      const jobs = hot<GridJob | null>("-a--b--a--|", { a, b });
      expectObservable(jobs.pipe(computeDerivatives(compute, { cacheSize: 1 }), map(show))).toBe("--x--y--x-|", { x: "r5", y: "r6" });
      flush();
      if (calls.length !== 3) throw new Error(`expected 3 computations, got ${calls.length}`);
    });
  });

  it("emits a failure as an event and serves the next grid", () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      let first = true;
      const failing = fakeCompute(cold, "-p#");
      const working = fakeCompute(cold, "-(r|)");
      const compute = (job: GridJob) => (first ? ((first = false), failing.compute(job)) : working.compute(job));
      const jobs = hot<GridJob | null>("-a---b--|", { a, b });
      expectObservable(jobs.pipe(computeDerivatives(compute), map(show))).toBe("--pf--r-|", { p: "p5", f: "f5", r: "r6" });
    });
  });

  it("stops the work in progress on null (parameters that cannot be used)", () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const { compute, calls } = fakeCompute(cold, "--p--(r|)");
      const jobs = hot<GridJob | null>("-a--n-----|", { a, n: null });
      expectObservable(jobs.pipe(computeDerivatives(compute), map(show))).toBe("---p------|", { p: "p5" });
      flush();
      expectSubscriptions(calls[0]!.events.subscriptions).toBe("-^--!");
    });
  });
});
