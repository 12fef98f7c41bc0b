import { expect } from "chai";
import { map } from "rxjs";
import type { Computed, ParamsState } from "../../src/events.js";
import { measureErrors } from "../../src/operators/measureErrors.js";
import { fakeDerivatives, jobOf, okState, testScheduler } from "../helpers/fixtures.js";

describe("measureErrors", () => {
  it("adds max and RMS absolute and relative errors per grid, output and order", () => {
    const state = okState({ eps: 0.01 }) as Extract<ParamsState, { ok: true }>;
    const computed: Computed = { params: state.params, derivatives: fakeDerivatives(jobOf(state.params), 0.5) };
    testScheduler().run(({ hot, expectObservable }) => {
      const out = hot<Computed>("-a-|", { a: computed }).pipe(
        measureErrors(),
        map(({ errors }) => errors.map((t) => `${t.where}:${t.points}:${t.rows.length}`)),
      );
      expectObservable(out).toBe("-a-|", { a: ["profile:5:9", "map:16:9"] });
    });
    let measured;
    testScheduler().run(({ hot, flush }) => {
      hot<Computed>("-a-|", { a: computed })
        .pipe(measureErrors())
        .subscribe((m) => (measured = m));
      flush();
    });
    const row = (measured as unknown as { errors: { rows: Record<string, number>[] }[] }).errors[0]!.rows[5]!;
    // Network 0.5 against truth 0 everywhere: |error| 0.5, relative 0.5 / (0 + 0.01).
    expect(row).to.deep.include({ output: 1, order: 2, count: 5 * 4, absMax: 0.5, absRms: 0.5 });
    expect(row["relMax"]).to.be.closeTo(50, 1e-12);
    expect(row["relRms"]).to.be.closeTo(50, 1e-12);
  });

  it("gives no tables without both a truth and a model", () => {
    const state = okState() as Extract<ParamsState, { ok: true }>;
    const { model: _model, ...truthOnly } = fakeDerivatives(jobOf(state.params));
    testScheduler().run(({ hot, expectObservable }) => {
      const out = hot<Computed>("-a-|", { a: { params: state.params, derivatives: truthOnly } }).pipe(
        measureErrors(),
        map((m) => m.errors.length),
      );
      expectObservable(out).toBe("-a-|", { a: 0 });
    });
  });
});
