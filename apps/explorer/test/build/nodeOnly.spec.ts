import { expect } from "chai";
import { isNodeOnly } from "../../build/nodeOnly.js";

describe("what must not enter the bundle", () => {
  it("is Node's built-ins and the Node renderers' packages", () => {
    for (const id of [
      "fs",
      "node:fs",
      "worker_threads",
      "node:path",
      "/repo/node_modules/jsdom/lib/api.js",
      "@resvg/resvg-js",
      "/repo/node_modules/@napi-rs/canvas/index.js",
      "/repo/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
    ]) {
      expect(isNodeOnly(id), id).to.equal(true);
    }
  });

  it("is not the browser entries of the workspace and their dependencies", () => {
    for (const id of [
      "/repo/packages/plot/src/index.ts",
      "/repo/node_modules/@observablehq/plot/src/index.js",
      "/repo/node_modules/rxjs/dist/esm/index.js",
      "/repo/node_modules/fflate/esm/browser.js",
    ]) {
      expect(isNodeOnly(id), id).to.equal(false);
    }
  });
});
