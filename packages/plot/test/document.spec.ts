import { expect } from "chai";
import { jacobianMaps, MissingDocumentError } from "../src/index.js";
import { createDocument } from "../src/node.js";
import { fexampleMap } from "./helpers/fexample.js";

describe("document", () => {
  it("draws in the page's document when no document option is given", () => {
    const page = createDocument();
    const global = globalThis as { document?: Document };
    global.document = page;
    try {
      const svg = jacobianMaps(fexampleMap(5, 4));
      expect(svg.ownerDocument).to.equal(page);
      page.body.append(svg);
      expect(page.querySelectorAll("g.nabla-panel")).to.have.length(2);
    } finally {
      delete global.document;
    }
  });

  it("says how to get one in Node", () => {
    expect(() => jacobianMaps(fexampleMap(5, 4))).to.throw(
      MissingDocumentError,
      'maps: there is no document to draw in; pass options.document (in Node, createDocument() from "@nabla/plot/node" gives one)',
    );
  });
});
