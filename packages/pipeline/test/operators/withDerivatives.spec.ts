import { map } from "rxjs";
import type { DerivativeEvent, ParamsState } from "../../src/events.js";
import { withDerivatives } from "../../src/operators/withDerivatives.js";
import { errorState, fakeDerivatives, jobOf, okState, testScheduler } from "../helpers/fixtures.js";

describe("withDerivatives", () => {
  const p1 = okState({ output: 0 });
  const p2 = okState({ output: 2 }); // same grid as p1
  const p3 = okState({ points: 9 }); // another grid
  const job1 = jobOf((p1 as Extract<ParamsState, { ok: true }>).params);
  const job3 = jobOf((p3 as Extract<ParamsState, { ok: true }>).params);
  const d1 = fakeDerivatives(job1);
  const d3 = fakeDerivatives(job3);
  const events: Record<string, DerivativeEvent> = {
    p: { type: "progress", job: job1, stage: "truth", done: 1, total: 2, fraction: 0.25 },
    r: { type: "ready", job: job1, derivatives: d1 },
    s: { type: "ready", job: job3, derivatives: d3 },
  };
  const show = map(
    ({ params, derivatives }: { params: { output: number; points: number }; derivatives: { key: string } }) =>
      `${params.points}/${params.output}/${derivatives === d1 ? "d1" : derivatives === d3 ? "d3" : "?"}`,
  );

  it("joins parameters with the derivatives of their grid: when they arrive, then at once for a change of drawing", () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const states = hot<ParamsState>("-a-----b---|", { a: p1, b: p2 });
      const derived = hot<DerivativeEvent>("---p-r-----|", events);
      expectObservable(states.pipe(withDerivatives(derived), show)).toBe("-----x-y---|", { x: "5/0/d1", y: "5/2/d1" });
    });
  });

  it("waits for the new grid's derivatives, ignoring the old ones that arrive late", () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const states = hot<ParamsState>("-a--c------|", { a: p1, c: p3 });
      const derived = hot<DerivativeEvent>("-------r--s|", events);
      expectObservable(states.pipe(withDerivatives(derived), show)).toBe("----------z|", { z: "9/0/d3" });
    });
  });

  it("emits nothing for an error state, and serves the next good parameters from the derivatives at hand", () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const states = hot<ParamsState>("-a--e--b--|", { a: p1, e: errorState(), b: p2 });
      const derived = hot<DerivativeEvent>("--r---r---|", events); // the cache answers again for b
      expectObservable(states.pipe(withDerivatives(derived), show)).toBe("--x----y--|", { x: "5/0/d1", y: "5/2/d1" });
    });
  });
});
