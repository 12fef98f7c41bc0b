import { existsSync } from "node:fs";
import { expect } from "chai";
import { jacobianMaps } from "../../src/index.js";
import { createDocument, fontFiles, renderSvg, serializeSvg, svgToPng, svgToPngAsync } from "../../src/node.js";
import { fexampleMap } from "../helpers/fexample.js";
import { pixels } from "../helpers/pixels.js";

describe("node rendering", () => {
  it("gives documents whose canvases draw", () => {
    const document = createDocument();
    const canvas = document.createElement("canvas");
    canvas.width = 2;
    canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "red";
    context.fillRect(0, 0, 1, 1);
    expect(canvas.toDataURL()).to.match(/^data:image\/png;base64,/);
    expect(document.createElement("div").tagName).to.equal("DIV");
  });

  it("serializes figures as well-formed SVG with the xlink namespace", () => {
    const svg = renderSvg((document) => jacobianMaps(fexampleMap(6, 5), { document }));
    expect(svg).to.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink"/);
    expect(svg.match(/ xmlns="/g)).to.have.length(1);
    expect(svg).to.include('xlink:href="data:image/png;base64,');
    const parsed = new (createDocument().defaultView!.DOMParser)().parseFromString(svg, "image/svg+xml");
    expect(parsed.querySelector("parsererror")).to.equal(null);
    expect(parsed.documentElement.querySelectorAll("g.nabla-panel")).to.have.length(2);
  });

  it("serializes any element, leaving it in place", () => {
    const document = createDocument();
    const figure = jacobianMaps(fexampleMap(4, 4), { document });
    document.body.append(figure);
    serializeSvg(figure);
    expect(document.body.firstElementChild).to.equal(figure);
  });

  it("ships its fonts", () => {
    for (const file of fontFiles()) expect(existsSync(file), file).to.equal(true);
  });

  it("rasterizes to PNG with text drawn in the shipped font", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30">' +
      '<rect width="80" height="30" fill="white"/><text x="4" y="22" font-size="20" font-family="system-ui, sans-serif">∂f̂₃</text></svg>';
    const png = svgToPng(svg, { scale: 1 });
    expect(Array.from(png.subarray(0, 4))).to.deep.equal([0x89, 0x50, 0x4e, 0x47]);
    const at = await pixels(png);
    let dark = 0;
    for (let x = 0; x < 80; ++x) for (let y = 0; y < 30; ++y) if (at(x, y)[0] < 128) ++dark;
    expect(dark, "pixels of text").to.be.above(40);
    const twice = svgToPng(svg, { scale: 2 });
    expect(new DataView(twice.buffer, twice.byteOffset).getUint32(16)).to.equal(160); // IHDR width
    expect(() => svgToPng(svg, { scale: 0 })).to.throw(RangeError, /scale is 0/);
  });

  it("rasterizes off the calling thread to the same bytes, several figures at once", async () => {
    const figures = [1, 2, 3].map(
      (k) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="${60 * k}" height="30">` +
        `<rect width="${60 * k}" height="30" fill="white"/><circle cx="15" cy="15" r="${4 * k}" fill="steelblue"/>` +
        `<text x="30" y="22" font-size="16">∂²f/∂x${k}</text></svg>`,
    );
    const together = await Promise.all(figures.map((svg) => svgToPngAsync(svg, { scale: 2, background: "ivory" })));
    figures.forEach((svg, k) => expect(together[k], `figure ${k}`).to.deep.equal(svgToPng(svg, { scale: 2, background: "ivory" })));
    let failure: unknown;
    await svgToPngAsync(figures[0]!, { scale: Number.NaN }).catch((e: unknown) => (failure = e));
    expect(failure).to.be.instanceOf(RangeError).with.property("message").that.matches(/svgToPngAsync: option scale is NaN/);
  });
});
