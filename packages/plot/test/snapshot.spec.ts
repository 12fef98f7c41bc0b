/**
 * Each figure registered in test/figures is rendered headlessly, normalized,
 * and compared with test/output/<name>.svg. A mismatch writes
 * <name>-changed.svg beside it and fails; a missing snapshot is written.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { createDocument, serializeSvg } from "../src/node.js";
import * as figures from "./figures/index.js";
import { normalizeSvg } from "./helpers/snapshot.js";

const output = join(dirname(fileURLToPath(import.meta.url)), "output");

describe("snapshots", () => {
  for (const [name, figure] of Object.entries(figures)) {
    it(name, () => {
      const actual = normalizeSvg(serializeSvg(figure(createDocument())));
      const expected = join(output, `${name}.svg`);
      const changed = join(output, `${name}-changed.svg`);
      if (!existsSync(expected)) {
        writeFileSync(expected, actual);
        console.warn(`    wrote missing snapshot ${name}.svg`);
        return;
      }
      if (actual === readFileSync(expected, "utf8")) {
        if (existsSync(changed)) unlinkSync(changed);
        return;
      }
      writeFileSync(changed, actual);
      expect.fail(`${name}.svg differs from the rendered figure; see ${name}-changed.svg`);
    });
  }
});
