import { map } from "rxjs";
import { checkParams } from "../../src/operators/checkParams.js";
import type { ParamsState } from "../../src/events.js";
import type { Params } from "../../src/params/params.js";
import type { TargetInfo } from "../../src/targets/target.js";
import { modelInfo, seedParams, testScheduler, truthInfo } from "../helpers/fixtures.js";

const summary = (state: ParamsState) => (state.ok ? `ok ${state.params.output}` : `${state.error.name}`);

describe("checkParams", () => {
  it("describes the truth and the model, then emits a usable state; a bad parameter is an error state and the next good one is served", () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const truth = cold<TargetInfo>("--(t|)", { t: truthInfo });
      const model = cold<TargetInfo>("--(m|)", { m: modelInfo });
      const params = hot<Params>("-a----b----c--|", { a: seedParams({ output: 2 }), b: seedParams({ output: 9 }), c: seedParams({ output: 1 }) });
      const out = params.pipe(
        checkParams((ref) => (ref.kind === "function" ? truth : model)),
        map(summary),
      );
      expectObservable(out).toBe("---A----B----C|", { A: "ok 2", B: "ParamsError", C: "ok 1" });
      expectSubscriptions(truth.subscriptions).toBe(["-^-!", "------^-!", "-----------^-!"]);
    });
  });

  it("stops describing for parameters that were replaced", () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const slow = cold<TargetInfo>("----(m|)", { m: modelInfo });
      const params = hot<Params>("-ab-------|", {
        a: {
          model: { kind: "path", path: "a" },
          ranges: [
            [0, 1],
            [0, 1],
          ],
        },
        b: {
          model: { kind: "path", path: "b" },
          ranges: [
            [0, 1],
            [0, 1],
          ],
        },
      });
      expectObservable(
        params.pipe(
          checkParams(() => slow),
          map(summary),
        ),
      ).toBe("------B---|", { B: "ok 0" });
      expectSubscriptions(slow.subscriptions).toBe(["-^!", "--^---!"]);
    });
  });

  it("reports parameters that name neither a truth nor a model at once, without describing", () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const describe = cold<TargetInfo>("-(t|)", { t: truthInfo });
      const params = hot<Params>("-a-|", { a: { points: 10 } });
      expectObservable(
        params.pipe(
          checkParams(() => describe),
          map(summary),
        ),
      ).toBe("-E-|", { E: "ParamsError" });
      expectSubscriptions(describe.subscriptions).toBe([]);
    });
  });

  it("turns a failure to describe (a model that does not load) into an error state", () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const failing = cold<TargetInfo>("-#", {}, new RangeError("no such folder"));
      const params = hot<Params>("-a-|", { a: seedParams() });
      expectObservable(
        params.pipe(
          checkParams(() => failing),
          map((s) => (s.ok ? "ok" : s.error.message)),
        ),
      ).toBe("--E|", { E: "no such folder" });
    });
  });

  it("fills the defaults: Fexample's ranges and defaults, 100 points, relative error with eps 1e-2, orders 1 and 2", () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const params = hot<Params>("a|", { a: { truth: "fexample" } });
      const out = params.pipe(
        checkParams(() => cold("(t|)", { t: truthInfo })),
        map((s) =>
          s.ok
            ? {
                ranges: s.params.ranges,
                fixed: s.params.fixed,
                points: s.params.points,
                mapPoints: s.params.mapPoints,
                error: s.params.error,
                eps: s.params.eps,
                orders: s.params.orders,
                maps: s.params.mapInputs,
              }
            : s.error,
        ),
      );
      expectObservable(out).toBe("a|", {
        a: {
          ranges: [
            [-2, 2],
            [-1, 1],
          ],
          fixed: [1, 1],
          points: 100,
          mapPoints: 100,
          error: "relative",
          eps: 1e-2,
          orders: [1, 2],
          maps: [0, 1],
        },
      });
    });
  });
});
