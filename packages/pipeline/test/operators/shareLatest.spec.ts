import { shareLatest } from "../../src/operators/shareLatest.js";
import { testScheduler } from "../helpers/fixtures.js";

describe("shareLatest", () => {
  it("subscribes once for all subscribers, replays the latest value to a late one, and unsubscribes when the last leaves", () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold("a-b-c-d-e-|");
      const shared = source.pipe(shareLatest());
      expectObservable(shared, "^------!").toBe("a-b-c-d");
      expectObservable(shared, "---^---!").toBe("---bc-d");
      expectSubscriptions(source.subscriptions).toBe("^------!");
    });
  });
});
