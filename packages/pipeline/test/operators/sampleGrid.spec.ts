import { map } from "rxjs";
import { sampleGrid } from "../../src/operators/sampleGrid.js";
import { errorState, okState, testScheduler } from "../helpers/fixtures.js";

describe("sampleGrid", () => {
  it("emits a grid only when what is computed changes, and null for an error state", () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const states = hot("-a-b-c-d-e-f-|", {
        a: okState({ output: 0 }),
        b: okState({ output: 2 }), // drawing only
        c: okState({ output: 2, eps: 0.1, error: "absolute", orders: [0] }), // drawing only
        d: okState({ points: 7 }), // a new grid
        e: errorState(),
        f: okState({ points: 7 }),
      });
      const out = states.pipe(
        sampleGrid(),
        map((job) => (job ? `${job.grid.profile.x.length}x${job.grid.map?.x.length}` : null)),
      );
      expectObservable(out).toBe("-a-----d-e-f-|", { a: "5x4", d: "7x4", e: null, f: "7x4" });
    });
  });

  it("samples the profile along the swept input through the fixed values, and the map x fastest", () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const states = hot("-a-|", { a: okState({ points: 3, mapPoints: 2, fixed: [0.5, 0.25], sweep: "x2" }) });
      const out = states.pipe(
        sampleGrid(),
        map((job) => ({ profile: Array.from(job!.grid.profile.points), map: Array.from(job!.grid.map!.points) })),
      );
      expectObservable(out).toBe("-a-|", {
        a: {
          profile: [0.5, -1, 0.5, 0, 0.5, 1],
          map: [-2, -1, 2, -1, -2, 1, 2, 1],
        },
      });
    });
  });
});
