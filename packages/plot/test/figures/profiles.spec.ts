import { expect } from "chai";
import {
  hessianProfiles,
  jacobianProfiles,
  MissingDataError,
  MissingDocumentError,
  OptionError,
  profiles,
  ShapeError,
  valueProfile,
} from "../../src/index.js";
import type { ProfileData } from "../../src/index.js";
import { createDocument } from "../../src/node.js";
import { fexampleProfile } from "../helpers/fexample.js";
import { axisLabel, domainOf, panels, panelTitles } from "../helpers/dom.js";
import { manyInputsProfile } from "../helpers/manyInputs.js";

describe("profiles", () => {
  const data = fexampleProfile();

  it("draws one panel per input for first derivatives, titled in Unicode math", () => {
    const svg = jacobianProfiles(data, { document: createDocument(), output: 2 });
    expect(panels(svg)).to.have.length(2);
    expect(panelTitles(svg)).to.deep.equal(["∂f₃/∂x₁ vs x₁", "∂f₃/∂x₂ vs x₁"]);
    expect(panels(svg).map((p) => axisLabel(p, "x"))).to.deep.equal(["x₁", "x₁"]);
    expect(panels(svg).map((p) => axisLabel(p, "y"))).to.deep.equal(["∂f₃/∂x₁", "∂f₃/∂x₂"]);
  });

  it("draws an n×n grid for second derivatives, row i and column j", () => {
    const svg = hessianProfiles(data, { document: createDocument(), output: 2, role: "network" });
    expect(panels(svg)).to.have.length(4);
    expect(panelTitles(svg)).to.deep.equal(["∂²f̂₃/∂x₁² vs x₁", "∂²f̂₃/∂x₁∂x₂ vs x₁", "∂²f̂₃/∂x₂∂x₁ vs x₁", "∂²f̂₃/∂x₂² vs x₁"]);
    expect(panels(svg).map((p) => [p.getAttribute("data-row"), p.getAttribute("data-col")])).to.deep.equal([
      ["0", "0"],
      ["0", "1"],
      ["1", "0"],
      ["1", "1"],
    ]);
  });

  it("draws the values in one panel", () => {
    const svg = valueProfile(data, { document: createDocument(), output: 0, role: "error" });
    expect(panelTitles(svg)).to.deep.equal(["Error of f̂₁ vs x₁"]);
    expect(axisLabel(panels(svg)[0]!, "y")).to.equal("relative error");
  });

  it("draws the truth dashed and gray under the network", () => {
    const svg = jacobianProfiles(data, { document: createDocument(), output: 2, role: "network" });
    for (const panel of panels(svg)) {
      const reference = panel.querySelector("g.nabla-reference");
      const network = panel.querySelector("g.nabla-network");
      expect(reference, "reference").to.not.equal(null);
      expect(network, "network").to.not.equal(null);
      expect(reference!.getAttribute("stroke-dasharray")).to.equal("6,4");
      expect(reference!.getAttribute("stroke")).to.equal("#808080");
      expect(reference!.querySelector("path")!.getAttribute("d")).to.match(/^M/);
      // Earlier in the document = drawn underneath.
      expect(reference!.compareDocumentPosition(network!) & 4, "network after reference").to.equal(4);
    }
  });

  it("leaves the reference out when asked, and for the truth and the error", () => {
    const document = createDocument();
    for (const svg of [
      jacobianProfiles(data, { document, role: "network", reference: false }),
      jacobianProfiles(data, { document, role: "truth" }),
      jacobianProfiles(data, { document, role: "error" }),
    ]) {
      expect(svg.querySelector("g.nabla-reference")).to.equal(null);
    }
  });

  it("puts error curves on a y scale symmetric about 0, with a rule at 0", () => {
    const svg = hessianProfiles(data, { document: createDocument(), output: 2, role: "error" });
    for (const panel of panels(svg)) {
      const [lo, hi] = domainOf(panel, "data-y-domain");
      expect(lo).to.be.below(0);
      expect(lo).to.be.closeTo(-hi, 1e-12);
      expect(panel.querySelector("g.nabla-zero")).to.not.equal(null);
      expect(panel.querySelector("g.nabla-error path")).to.not.equal(null);
    }
  });

  it("computes the relative error with eps and the absolute error", () => {
    // ∂f₃/∂x₁ = t2² = 1 at x2 = 1; the stand-in network adds 0.1 cos(t1 + 2) cos(1).
    const maxAbs = Math.max(...Array.from(data.x, (t) => Math.abs(0.1 * Math.cos(t + 2) * Math.cos(1))));
    const relative = jacobianProfiles(data, { document: createDocument(), output: 2, role: "error", eps: 0.5 });
    const absolute = jacobianProfiles(data, { document: createDocument(), output: 2, role: "error", error: "absolute" });
    expect(domainOf(panels(relative)[0]!, "data-y-domain")[1]).to.be.closeTo((1.05 * maxAbs) / 1.5, 1e-12);
    expect(domainOf(panels(absolute)[0]!, "data-y-domain")[1]).to.be.closeTo(1.05 * maxAbs, 1e-12);
  });

  it("still draws an error that is zero everywhere", () => {
    const exact: ProfileData = { ...data, network: data.truth! };
    const svg = hessianProfiles(exact, { document: createDocument(), output: 2, role: "error" });
    expect(panels(svg)).to.have.length(4);
    for (const panel of panels(svg)) {
      const [lo, hi] = domainOf(panel, "data-y-domain");
      expect(hi).to.be.above(0);
      expect(lo).to.equal(-hi);
      expect(panel.querySelector("g.nabla-error path")!.getAttribute("d")).to.match(/^M[\d.,L]+$/);
    }
    expect(svg.outerHTML).to.not.include("NaN");
  });

  it("uses the names of inputs and outputs when given", () => {
    const named = { ...data, inputNames: ["T", "n H"], outputNames: ["I", "J", "CO"] };
    const svg = jacobianProfiles(named, { document: createDocument(), output: 2, role: "network" });
    expect(panelTitles(svg)).to.deep.equal(["Network ∂CO/∂T vs T", "Network ∂CO/∂(n H) vs T"]);
    const one = valueProfile(named, { document: createDocument(), output: 0, role: "network" });
    expect(panelTitles(one)).to.deep.equal(["\u00CE vs T"]); // I with its hat, composed
  });

  it("says where the other inputs are held, in the subtitle", () => {
    const svg = jacobianProfiles(data, { document: createDocument(), role: "error" });
    expect(svg.querySelector("text.nabla-figure-subtitle")!.textContent).to.equal("relative error (f̂ − f)/(|f| + 0.01); x₂ = 1");
    const bare = jacobianProfiles(data, { document: createDocument(), subtitle: null, title: "T" });
    expect(bare.querySelector("text.nabla-figure-subtitle")).to.equal(null);
    expect(bare.querySelector("text.nabla-figure-title")!.textContent).to.equal("T");
  });

  it("stays legible with six inputs: 36 panels whose titles fit their width", () => {
    const svg = hessianProfiles(manyInputsProfile(6), { document: createDocument(), output: 1 });
    expect(panels(svg)).to.have.length(36);
    const panelWidth =
      Number(
        panels(svg)[1]!
          .getAttribute("transform")!
          .match(/translate\(([\d.]+)/)![1],
      ) -
      Number(
        panels(svg)[0]!
          .getAttribute("transform")!
          .match(/translate\(([\d.]+)/)![1],
      );
    expect(panelWidth).to.be.at.least(190);
    const size = Number(svg.querySelector("text.nabla-panel-title")!.getAttribute("font-size"));
    expect(size).to.be.at.least(9);
    expect(Number(svg.getAttribute("width"))).to.be.below(1400);
  });

  it("leaves the options it is given untouched", () => {
    const options = Object.freeze({ document: createDocument(), output: 2 });
    hessianProfiles(data, options);
    expect(options).to.deep.equal({ document: options.document, output: 2 });
  });

  it("throws errors that say what is wrong", () => {
    const document = createDocument();
    const short = { ...data, truth: { ...data.truth, jacobian: (data.truth!.jacobian as Float64Array).subarray(1) } };
    expect(() => jacobianProfiles(short, { document })).to.throw(
      ShapeError,
      "profiles: truth.jacobian has 245 numbers but its shape [N, nOut, nIn] = [41, 3, 2] needs 246",
    );
    expect(() => jacobianProfiles({ ...data, network: undefined }, { document, role: "error" })).to.throw(
      MissingDataError,
      'profiles: role "error" needs data.network.jacobian, but the data has none',
    );
    expect(() => profiles(data, { document, role: "net" as never })).to.throw(OptionError, /option role is "net"/);
    expect(() => profiles(data, { document, output: 3 })).to.throw(/options.output is 3 but must be an integer in \[0, 2\]/);
    expect(() => profiles(data)).to.throw(MissingDocumentError, /createDocument\(\)/);
  });
});
