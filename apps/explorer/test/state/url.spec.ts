import { expect } from "chai";
import { DEFAULT_STATE, type ExplorerState } from "../../src/state/state.js";
import { queryToState, stateToQuery } from "../../src/state/url.js";

describe("state in the URL", () => {
  it("writes nothing for the defaults", () => {
    expect(stateToQuery(DEFAULT_STATE)).to.equal("");
    expect(queryToState("")).to.deep.equal({ state: DEFAULT_STATE, problems: [] });
  });

  it("reads back every field it writes", () => {
    const state: ExplorerState = {
      ...DEFAULT_STATE,
      compare: "network",
      truth: "x1 + 2*x2; sin(x1)",
      truthInputs: ["a", "b"],
      model: "upload",
      physical: true,
      ranges: [
        [-2, 2],
        [0.5, 1e5],
      ],
      fixed: [1, -0.25],
      sweep: 1,
      mapInputs: [1, 0],
      maps: false,
      output: 4,
      points: 60,
      mapPoints: 40,
      error: "absolute",
      eps: 1e-3,
      backend: "gpu",
      orders: [0, 2],
    };
    const query = stateToQuery(state);
    expect(query).to.contain("truth=x1+%2B+2*x2%3B+sin%28x1%29").and.contain("ranges=-2%3A2%2C0.5%3A100000");
    expect(queryToState(`?${query}`)).to.deep.equal({ state, problems: [] });
  });

  it("skips what it cannot use, and says why", () => {
    const { state, problems } = queryToState("?compare=all&points=1&ranges=2:1,0:1&map=0,0&orders=3&eps=-1&output=2");
    expect(state).to.deep.equal({ ...DEFAULT_STATE, output: 2 });
    expect(problems).to.deep.equal([
      "compare=all was ignored: expected both, truth or network",
      "ranges=2:1,0:1 was ignored: expected low:high pairs with low < high, separated by commas",
      "map=0,0 was ignored: expected two different input indices",
      "points=1 was ignored: expected an integer from 2 to 100000",
      "eps=-1 was ignored: expected a number > 0",
      "orders=3 was ignored: expected some of 0, 1, 2 separated by commas",
    ]);
  });
});
