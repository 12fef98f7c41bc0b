import { expect } from "chai";
import { jacobianMaps, jacobianProfiles } from "../src/index.js";
import { createDocument } from "../src/node.js";
import { textWidth } from "../src/textWidth.js";
import { fexampleMap, fexampleProfile } from "./helpers/fexample.js";
import { panelTitles } from "./helpers/dom.js";

describe("layout", () => {
  it("lays panels out in rows of the given number of columns", () => {
    const svg = jacobianProfiles(fexampleProfile(), { document: createDocument(), columns: 1 });
    const rows = Array.from(svg.querySelectorAll("g.nabla-panel"), (p) => p.getAttribute("data-row"));
    expect(rows).to.deep.equal(["0", "1"]);
  });

  it("shrinks, then wraps, panel titles that do not fit", () => {
    const svg = jacobianMaps(fexampleMap(), { document: createDocument(), role: "error", panelWidth: 150, colorBar: false });
    const titles = Array.from(svg.querySelectorAll("g.nabla-panel"))[0]!.querySelectorAll("text.nabla-panel-title");
    expect(titles).to.have.length(2);
    expect(titles[0]!.textContent).to.equal("Error of ∂f̂₁/∂x₁");
    expect(titles[1]!.textContent).to.equal("vs x₁ and x₂");
    for (const t of Array.from(titles)) {
      expect(textWidth(t.textContent!) * Number(t.getAttribute("font-size"))).to.be.at.most(150);
    }
    expect(panelTitles(svg)[0]).to.equal("Error of ∂f̂₁/∂x₁ vs x₁ and x₂");
  });

  it("keeps one <style> per distinct stylesheet", () => {
    const svg = jacobianMaps(fexampleMap(), { document: createDocument() });
    expect(svg.querySelectorAll("style")).to.have.length(1);
  });

  it("draws a background unless it is null", () => {
    const document = createDocument();
    expect(jacobianMaps(fexampleMap(), { document }).querySelector("rect.nabla-background")).to.not.equal(null);
    expect(jacobianMaps(fexampleMap(), { document, background: null }).querySelector("rect.nabla-background")).to.equal(null);
  });
});
