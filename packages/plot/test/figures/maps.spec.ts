import { expect } from "chai";
import { GridError, hessianMaps, jacobianMaps, maps, ShapeError, valueMap } from "../../src/index.js";
import type { MapData } from "../../src/index.js";
import { createDocument, serializeSvg, svgToPng } from "../../src/node.js";
import { box, domainOf, panels, panelTitles, ticks, axisLabel } from "../helpers/dom.js";
import { fexampleMap } from "../helpers/fexample.js";
import { manyInputsMap } from "../helpers/manyInputs.js";
import { distance, pixels } from "../helpers/pixels.js";

describe("maps", () => {
  const data = fexampleMap();

  it("draws one map per input for first derivatives, x₁ across and x₂ up", () => {
    const svg = jacobianMaps(data, { document: createDocument(), output: 2 });
    expect(panels(svg)).to.have.length(2);
    expect(panelTitles(svg)).to.deep.equal(["∂f₃/∂x₁ vs x₁ and x₂", "∂f₃/∂x₂ vs x₁ and x₂"]);
    for (const panel of panels(svg)) {
      expect(axisLabel(panel, "x")).to.equal("x₁");
      expect(axisLabel(panel, "y")).to.equal("x₂");
      const map = panel.querySelector("g.nabla-map")!;
      // Extents from the ranges: x from −2 to 2 left to right, y from −1 to 1 bottom to top.
      const xs = ticks(map, "x");
      const ys = ticks(map, "y");
      expect(xs[0]).to.deep.include(-2);
      expect(xs.at(-1)).to.deep.include(2);
      expect(xs[0]![1]).to.be.below(xs.at(-1)![1]);
      const top = ys.reduce((a, b) => (b[1] < a[1] ? b : a));
      const bottom = ys.reduce((a, b) => (b[1] > a[1] ? b : a));
      expect(top[0]).to.equal(1);
      expect(bottom[0]).to.equal(-1);
    }
  });

  it("draws an n×n grid for second derivatives", () => {
    const svg = hessianMaps(data, { document: createDocument(), output: 2, role: "error" });
    expect(panels(svg)).to.have.length(4);
    expect(panelTitles(svg)).to.deep.equal([
      "Error of ∂²f̂₃/∂x₁² vs x₁ and x₂",
      "Error of ∂²f̂₃/∂x₁∂x₂ vs x₁ and x₂",
      "Error of ∂²f̂₃/∂x₂∂x₁ vs x₁ and x₂",
      "Error of ∂²f̂₃/∂x₂² vs x₁ and x₂",
    ]);
  });

  it("draws a color bar beside every map", () => {
    const svg = hessianMaps(data, { document: createDocument(), output: 2 });
    for (const panel of panels(svg)) {
      const bar = panel.querySelector("g.nabla-colorbar");
      expect(bar, "color bar").to.not.equal(null);
      const ramp = bar!.querySelector("g.nabla-colorbar-ramp image")!;
      expect(ramp.getAttributeNS("http://www.w3.org/1999/xlink", "href")).to.match(/^data:image\/png;base64,/);
      expect(ticks(bar!, "y").length).to.be.at.least(2);
    }
    const none = jacobianMaps(data, { document: createDocument(), colorBar: false });
    expect(none.querySelector("g.nabla-colorbar")).to.equal(null);
  });

  it("uses a sequential scale for the truth and the network, a diverging one symmetric about 0 for the error", () => {
    const document = createDocument();
    for (const role of ["truth", "network"] as const) {
      for (const panel of panels(valueMap(data, { document, output: 2, role }))) {
        expect(panel.getAttribute("data-color-type")).to.equal("linear");
      }
    }
    const svg = hessianMaps(data, { document, output: 2, role: "error" });
    for (const panel of panels(svg)) {
      expect(panel.getAttribute("data-color-type")).to.equal("diverging");
      const [lo, hi] = domainOf(panel, "data-color-domain");
      expect(lo).to.equal(-hi);
      expect(hi).to.be.above(0);
      // The bar's ticks are placed symmetrically too.
      const values = ticks(panel.querySelector("g.nabla-colorbar")!, "y").map(([v]) => v);
      expect(Math.min(...values)).to.equal(-Math.max(...values));
    }
  });

  it("sets the error's domain to ±max|error|", () => {
    // ∂f₃/∂x₁ = t2²; the network adds 0.1 cos(t1 + 2) cos(t2): the absolute error's max over the grid.
    let max = 0;
    for (const t2 of Array.from(data.y)) for (const t1 of Array.from(data.x)) max = Math.max(max, Math.abs(0.1 * Math.cos(t1 + 2) * Math.cos(t2)));
    const svg = jacobianMaps(data, { document: createDocument(), output: 2, role: "error", error: "absolute" });
    expect(domainOf(panels(svg)[0]!, "data-color-domain")).to.deep.equal([-max, max]);
  });

  it("still draws an error that is zero everywhere, and a constant truth", () => {
    const exact: MapData = { ...data, network: data.truth! };
    const document = createDocument();
    const error = hessianMaps(exact, { document, output: 2, role: "error" });
    const truth = hessianMaps(exact, { document, output: 2, role: "truth" }); // ∂²f₃/∂x₁² = 0
    for (const svg of [error, truth]) {
      for (const panel of panels(svg)) {
        expect(panel.querySelector("g.nabla-map image")).to.not.equal(null);
        const [lo, hi] = domainOf(panel, "data-color-domain");
        expect(lo).to.be.below(hi);
      }
      expect(svg.outerHTML).to.not.include("NaN");
    }
  });

  it("puts ∂f₃/∂x₂ = 2·x₁·x₂ at +4 in the top-right corner (2, 1) and −4 in the bottom-right (2, −1)", async () => {
    // One flat color per grid cell, so the corner cells show their own values.
    const svg = jacobianMaps(data, { document: createDocument(), output: 2, cells: "flat" });
    const png = svgToPng(serializeSvg(svg), { scale: 1 });
    const at = await pixels(png);
    const panel = panels(svg)[1]!;
    const map = panel.querySelector("g.nabla-map")!;
    const frame = box(map.querySelector('rect[aria-label="frame"]')!);
    const bar = panel.querySelector("g.nabla-colorbar")!;
    const ramp = box(bar.querySelector('rect[aria-label="frame"]')!);

    // The frame's corners are (x1, x2) = (2, 1) top right and (2, −1) bottom right, read from the axes.
    const xs = ticks(map, "x");
    const ys = ticks(map, "y");
    const right = xs.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(right[0]).to.equal(2);
    expect(map.querySelector('g[aria-label="x-axis tick label"]')).to.not.equal(null);
    expect(ys.reduce((a, b) => (b[1] < a[1] ? b : a))[0]).to.equal(1);
    expect(ys.reduce((a, b) => (b[1] > a[1] ? b : a))[0]).to.equal(-1);

    // The color bar runs from −4 at the bottom to +4 at the top.
    const barTicks = ticks(bar, "y");
    expect(barTicks.reduce((a, b) => (b[1] < a[1] ? b : a))[0]).to.equal(4);
    expect(barTicks.reduce((a, b) => (b[1] > a[1] ? b : a))[0]).to.equal(-4);
    const plus4 = at(ramp.x + ramp.width / 2, ramp.y + 2);
    const minus4 = at(ramp.x + ramp.width / 2, ramp.y + ramp.height - 2);
    expect(distance(plus4, minus4)).to.be.above(100);

    const topRight = at(frame.x + frame.width - 3, frame.y + 3);
    const bottomRight = at(frame.x + frame.width - 3, frame.y + frame.height - 3);
    const topLeft = at(frame.x + 3, frame.y + 3);
    expect(distance(topRight, plus4), `top right ${topRight} vs +4 ${plus4}`).to.be.below(25);
    expect(distance(bottomRight, minus4), `bottom right ${bottomRight} vs −4 ${minus4}`).to.be.below(25);
    expect(distance(topLeft, minus4), `top left ${topLeft} vs −4 ${minus4}`).to.be.below(25);
  });

  it("uses the names of inputs and outputs when given", () => {
    const named = { ...data, inputNames: ["T", "n"], outputNames: ["a", "b", "c"] };
    const svg = jacobianMaps(named, { document: createDocument(), output: 2, role: "error" });
    expect(panelTitles(svg)).to.deep.equal(["Error of ∂ĉ/∂T vs T and n", "Error of ∂ĉ/∂n vs T and n"]);
    expect(axisLabel(panels(svg)[0]!, "y")).to.equal("n");
  });

  it("stays legible with six inputs: 36 maps, each with its color bar", () => {
    const svg = hessianMaps(manyInputsMap(6), { document: createDocument(), output: 1 });
    expect(panels(svg)).to.have.length(36);
    expect(svg.querySelectorAll("g.nabla-colorbar")).to.have.length(36);
    expect(Number(svg.getAttribute("width"))).to.be.below(1450);
    const size = Number(svg.querySelector("text.nabla-panel-title")!.getAttribute("font-size"));
    expect(size).to.be.at.least(9);
  });

  it("throws errors that say what is wrong", () => {
    const document = createDocument();
    const uneven = { ...data, x: Float64Array.from(data.x, (v, i) => (i === 3 ? v + 0.05 : v)) };
    expect(() => maps(uneven, { document })).to.throw(GridError, /maps: data.x\[3\] is .*, off the even spacing/);
    const short = { ...data, network: { hessian: new Float64Array(10) } };
    expect(() => maps(short, { document, order: 2, role: "network" })).to.throw(
      ShapeError,
      "maps: network.hessian has 10 numbers but its shape [N, nOut, nIn, nIn] = [400, 3, 2, 2] needs 4800",
    );
    expect(() => maps({ ...data, inputs: [1, 1] }, { document })).to.throw(GridError, /names input 1 twice/);
  });
});
