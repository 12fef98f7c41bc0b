import { expect } from "chai";
import { map } from "rxjs";
import type { Figured, ParamsState } from "../../src/events.js";
import { figureSpecs } from "../../src/figures/figureSpecs.js";
import type { FigureSpec } from "../../src/figures/figureSpec.js";
import { renderFigures } from "../../src/operators/renderFigures.js";
import { fakeDerivatives, jobOf, okState, testScheduler } from "../helpers/fixtures.js";

const figured = (extra = {}): Figured => {
  const state = okState(extra) as Extract<ParamsState, { ok: true }>;
  const derivatives = fakeDerivatives(jobOf(state.params));
  return { params: state.params, derivatives, errors: [], figures: figureSpecs(state.params, derivatives) };
};

describe("renderFigures", () => {
  it("draws every figure, in order, on the scheduler, and emits them together", () => {
    const drawn: string[] = [];
    const render = (spec: FigureSpec) => (drawn.push(spec.name), spec.name.length);
    testScheduler().run(({ hot, expectObservable }) => {
      const out = hot<Figured>("-a--b|", { a: figured({ orders: [1] }), b: { ...figured(), figures: [] } }).pipe(
        renderFigures(render),
        map(({ rendered }) => rendered),
      );
      expectObservable(out).toBe("-a--b|", { a: [18, 14, 20, 16, 18, 14], b: [] });
    });
    expect(drawn).to.deep.equal([
      "1-truth-d1-profile",
      "1-truth-d1-map",
      "2-network-d1-profile",
      "2-network-d1-map",
      "3-error-d1-profile",
      "3-error-d1-map",
    ]);
  });
});
