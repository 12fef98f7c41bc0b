import { expect } from "chai";
import { matchNames } from "../../src/ui/controls/matchNames.js";

describe("searching output names", () => {
  const names = ["co_v0_j1__v0_j0", "h2_v0_j2__v0_j0", "CO_v0_j2__v0_j1", "hcn_j1__j0", "13co_v0_j1__v0_j0"];

  it("lists names holding every word, those starting with the first word first", () => {
    expect(matchNames(names, "co").map((m) => m.index)).to.deep.equal([0, 2, 4]);
    expect(matchNames(names, "co j2").map((m) => m.name)).to.deep.equal(["CO_v0_j2__v0_j1"]);
    expect(matchNames(names, "j1 13").map((m) => m.index)).to.deep.equal([4]);
  });

  it("lists the first names for an empty search, at most the limit", () => {
    expect(matchNames(names, " ", 2).map((m) => m.index)).to.deep.equal([0, 1]);
    const many = Array.from({ length: 5375 }, (_, i) => `line_${i}`);
    expect(matchNames(many, "line", 100)).to.have.length(100);
    expect(matchNames(many, "line_537").map((m) => m.index)).to.deep.equal([537, 5370, 5371, 5372, 5373, 5374]);
  });
});
