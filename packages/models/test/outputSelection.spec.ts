import { expect } from "chai";
import { OutputSelectionError, closestNames, resolveOutputs } from "../src/index.js";

describe("outputSelection", () => {
  const names = Array.from({ length: 5375 }, (_, i) => `line_${String(i).padStart(4, "0")}__j${i % 7}`);

  it("names and indices, in order, with repeats and negative indices from the end", () => {
    expect(resolveOutputs(["line_0003__j3", 0, -1, "line_0003__j3"], names, "net")).to.deep.equal([3, 0, 5374, 3]);
  });

  it("an unknown name among thousands: the closest few, not all", () => {
    expect(() => resolveOutputs(["line_0003__j4"], names, "net")).to.throw(
      OutputSelectionError,
      'net: no output is named "line_0003__j4"; the closest of its 5375 outputs are line_0003__j3, line_0004__j4, line_0053__j4, line_0403__j4, line_0000__j0, or an index.',
    );
    expect(closestNames("abc", ["xyz", "abd", "abc"], 2)).to.deep.equal(["abc", "abd"]);
  });

  it("indices out of range, fractional, or no selection at all", () => {
    expect(() => resolveOutputs([5375], names, "net")).to.throw(
      OutputSelectionError,
      "net: output index 5375 is out of range; expected an integer in [0, 5374]",
    );
    expect(() => resolveOutputs([-5376], names, "net")).to.throw(OutputSelectionError, "out of range");
    expect(() => resolveOutputs([0.5], names, "net")).to.throw(OutputSelectionError, "out of range");
    expect(() => resolveOutputs([], names, "net")).to.throw(OutputSelectionError, "restrict was given no output");
  });
});
