import { expect } from "chai";
import { InputError, UsageError } from "../src/errors.js";
import { parseConfigs } from "../src/report/config.js";
import { planReports } from "../src/report/plan.js";
import { seedConfig, seedNetDir } from "../src/report/seed.js";
import { inShard, parseJobs, parseShard } from "../src/report/shard.js";

describe("report configurations", () => {
  it("reads one configuration or a list, naming the file and the entry in errors", () => {
    expect(parseConfigs('{"output": 1}', "a.json")).to.deep.equal({ configs: [{ output: 1 }], single: true });
    expect(parseConfigs('[{"points": 10}, {}]', "b.json").configs).to.have.length(2);
    expect(() => parseConfigs('[{"points": 10}, {"colour": 1}]', "b.json")).to.throw(InputError, 'b.json, entry 1: unknown setting "colour"');
    expect(() => parseConfigs('{"ranges": [[0]]}', "c.json")).to.throw(
      InputError,
      'c.json: "ranges" is [[0]]; expected a list of [low, high], one per input',
    );
    expect(() => parseConfigs("[]", "d.json")).to.throw(InputError, "empty");
    expect(() => parseConfigs("{", "e.json")).to.throw(InputError, "e.json: not valid JSON");
  });

  it("is the seed's comparison when an entry names neither a function nor a model", () => {
    const [plan] = planReports([{ output: 0 }], { out: "/tmp/r", single: true, base: "/cfg" });
    expect(plan!.config).to.deep.equal({ ...seedConfig(), output: 0 });
    expect(plan!.config.model).to.equal(seedNetDir());
    expect(plan!.dir).to.equal("/tmp/r");
  });

  it("fills --function and --model into entries that do not say, resolves model paths from the config's folder, and names folders", () => {
    const plans = planReports([{ model: "nets/a" }, { function: "rosenbrock", model: null }, { name: "mine" }], {
      out: "/o",
      single: false,
      base: "/cfg",
      defaults: { function: "fexample" },
    });
    expect(plans.map((p) => p.dir)).to.deep.equal(["/o/000-fexample-vs-a", "/o/001-rosenbrock", "/o/mine"]);
    expect(plans[0]!.config).to.deep.equal({ model: "/cfg/nets/a", function: "fexample" });
    expect(plans[2]!.config).to.deep.equal({ name: "mine", function: "fexample" });
    expect(() => planReports([{ name: "x" }, { name: "x" }], { out: "/o", single: false, base: "/" })).to.throw(
      InputError,
      'both write to the folder "x"',
    );
    expect(() => planReports([{ function: null, model: null }], { out: "/o", single: true, base: "/" })).to.throw(
      InputError,
      "neither a function nor a model",
    );
  });

  it("fills --backend into entries that do not say, so a report finished on another backend is written again", () => {
    const plans = planReports([{ name: "a" }, { name: "b", backend: "cpu" }], { out: "/o", single: false, base: "/", defaults: { backend: "gpu" } });
    expect(plans.map((p) => p.config.backend)).to.deep.equal(["gpu", "cpu"]);
    expect(planReports([{}], { out: "/o", single: true, base: "/" })[0]!.config.backend).to.equal(undefined);
  });

  it("parses --shard i/n and --jobs", () => {
    expect(parseShard("1/4")).to.deep.equal({ index: 1, count: 4 });
    for (const bad of ["4/4", "1", "-1/3", "a/b", "0/0"]) expect(() => parseShard(bad), bad).to.throw(UsageError);
    expect([0, 1, 2, 3, 4, 5, 6].filter((i) => inShard(i, { index: 1, count: 3 }))).to.deep.equal([1, 4]);
    expect(parseJobs(undefined)).to.equal(1);
    expect(parseJobs("4")).to.equal(4);
    expect(() => parseJobs("0")).to.throw(UsageError);
  });
});
