import { map } from "rxjs";
import type { Measured, ParamsState } from "../../src/events.js";
import { buildFigures } from "../../src/operators/buildFigures.js";
import { fakeDerivatives, jobOf, okState, testScheduler } from "../helpers/fixtures.js";

const measured = (extra = {}, drop?: "truth" | "model"): Measured => {
  const state = okState(extra) as Extract<ParamsState, { ok: true }>;
  const derivatives = fakeDerivatives(jobOf(state.params));
  if (drop) delete (derivatives as { truth?: unknown; model?: unknown })[drop];
  return { params: state.params, derivatives, errors: [] };
};

describe("buildFigures", () => {
  it("gives the seed's twelve figures for a truth and a model, in the notebook's order", () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const out = hot<Measured>("-a-|", { a: measured({ output: 2 }) }).pipe(
        buildFigures(),
        map(({ figures }) => figures.map((f) => `${f.name}@${f.options.output}`)),
      );
      const names = ["1-truth", "2-network", "3-error"].flatMap((r) => ["d1-profile", "d2-profile", "d1-map", "d2-map"].map((f) => `${r}-${f}@2`));
      expectObservable(out).toBe("-a-|", { a: names });
    });
  });

  it("gives the truth's figures for a function alone, every figure but the truth's and the errors for a model alone", () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const out = hot<Measured>("-ab|", { a: measured({}, "model"), b: measured({ orders: [0] }, "truth") }).pipe(
        buildFigures(),
        map(({ figures }) => figures.map((f) => f.name).join(" ")),
      );
      expectObservable(out).toBe("-ab|", {
        a: "1-truth-d1-profile 1-truth-d2-profile 1-truth-d1-map 1-truth-d2-map",
        b: "2-network-d0-profile 2-network-d0-map",
      });
    });
  });
});
