import { expect } from "chai";
import { figureDataFromJson, FigureDataFormatError } from "../src/index.js";

describe("figureDataFromJson", () => {
  const profile = {
    input: 0,
    x: [0, 1],
    fixed: [0, 1],
    network: { value: [[1], [2]], jacobian: [[[1, 2]], [[3, 4]]], hessian: [1, 2, 3, 4, 5, 6, 7, 8] },
  };

  it("reads nested and flat arrays into row-major Float64Arrays", () => {
    const data = figureDataFromJson({ nIn: 2, nOut: 1, profile, outputNames: ["CO"] });
    expect(data.profile!.input).to.equal(0);
    expect(Array.from(data.profile!.network!.jacobian!)).to.deep.equal([1, 2, 3, 4]);
    expect(Array.from(data.profile!.network!.hessian!)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(data.profile!.outputNames).to.deep.equal(["CO"]);
    expect(data.profile!.truth).to.equal(undefined);
    expect(data.map).to.equal(undefined);
  });

  it("reads a map whose points are nested [ny][nx]", () => {
    const map = {
      inputs: [1, 0],
      x: [0, 1, 2],
      y: [0, 1],
      truth: {
        value: [
          [[1], [2], [3]],
          [[4], [5], [6]],
        ],
      },
    };
    const data = figureDataFromJson({ nIn: 2, nOut: 1, map });
    expect(data.map!.inputs).to.deep.equal([1, 0]);
    expect(Array.from(data.map!.truth!.value!)).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it("reads null as NaN", () => {
    const data = figureDataFromJson({ nIn: 1, nOut: 1, profile: { input: 0, x: [0, 1], truth: { value: [1, null] } } });
    expect(Number.isNaN(data.profile!.truth!.value![1])).to.equal(true);
  });

  it("says where the data departs from the format", () => {
    expect(() => figureDataFromJson({ nIn: 2, nOut: 1, profile: { ...profile, network: { jacobian: [[[1, 2]], [[3]]] } } })).to.throw(
      FigureDataFormatError,
      "figure data: profile.network.jacobian[1][0] has 1 entries; expected 2 entries, as rectangular nested arrays of shape [2, 1, 2] ([2, 1, 2])",
    );
    expect(() => figureDataFromJson({ nIn: 2, nOut: 1, profile: { ...profile, network: { value: [1, 2, 3] } } })).to.throw(
      "figure data: profile.network.value holds 3 numbers; expected 2, the size of [2, 1]",
    );
    expect(() => figureDataFromJson({ nIn: 2, nOut: 1 })).to.throw(/has neither profile nor map/);
    expect(() => figureDataFromJson({ nIn: 0, nOut: 1 })).to.throw(/nIn is 0; expected an integer ≥ 1/);
    expect(() => figureDataFromJson({ nIn: 2, nOut: 1, map: { inputs: [0, 2], x: [0, 1], y: [0, 1] } })).to.throw(
      /map.inputs\[1\] is 2; expected an input index below nIn = 2/,
    );
  });
});
