import { expect } from "chai";
import { readFileSync } from "node:fs";
import type { NnbmaNetworkSpec } from "../../src/index.js";
import { readNnbmaDirectory } from "../../src/node.js";
import { meudonScaleFolder, nnbmaFolder, referenceFile } from "../helpers/paths.js";
import { plainForward, plainTransform } from "../helpers/plainForward.js";

interface Reference {
  points: number[][];
  value: number[][];
  outputs?: string[];
}

/** Largest |a − b| / (|b| + 1e-12) over every value of every point. */
function worstError(spec: NnbmaNetworkSpec, ref: Reference, physical: boolean): number {
  const rows = ref.outputs?.map((name) => spec.outputsNames!.indexOf(name));
  let worst = 0;
  ref.points.forEach((point, i) => {
    let x: Float64Array = Float64Array.from(point);
    if (physical) x = plainTransform(spec.inputsTransformer!, x);
    const y = plainForward(spec, x, rows);
    expect(y).to.have.lengthOf(ref.value[i]!.length);
    ref.value[i]!.forEach((v, k) => (worst = Math.max(worst, Math.abs(y[k]! - v) / (Math.abs(v) + 1e-12))));
  });
  return worst;
}

/**
 * FORWARD.md describes what nnbma's forward passes compute; a plain float64 evaluation
 * written from those notes must reproduce PyTorch's reference values.
 */
describe("FORWARD.md reproduces PyTorch's values", () => {
  const cases: [string, string, boolean][] = [
    ["seed-net", "seed-net.json", false],
    ["fc-bn-elu-transformed", "fc-bn-elu-transformed.json", false],
    ["fc-bn-elu-transformed", "fc-bn-elu-transformed.physical.json", true],
    ["dense-gelu-tanh", "dense-gelu-tanh.json", false],
    ["poly-dense", "poly-dense.json", false],
    ["merging", "merging.json", false],
  ];
  for (const [folder, reference, physical] of cases) {
    it(`${reference}: values within 1e-9 relative`, async () => {
      const spec = await readNnbmaDirectory(nnbmaFolder(folder));
      const ref = JSON.parse(readFileSync(referenceFile(reference), "utf8")) as Reference;
      expect(worstError(spec, ref, physical)).to.be.below(1e-9);
    });
  }

  it("meudon-scale.json: restricted outputs within 1e-9 relative (skipped when the folder is absent)", async function () {
    const dir = meudonScaleFolder();
    if (!dir) {
      this.test!.title += " — skipped: meudon-scale not found (set NABLA_MEUDON_SCALE or add ../shared/fixtures/nnbma/meudon-scale)";
      this.skip();
    }
    const spec = await readNnbmaDirectory(dir!);
    const ref = JSON.parse(readFileSync(referenceFile("meudon-scale.json"), "utf8")) as Reference;
    expect(ref.outputs).to.have.lengthOf(3);
    expect(worstError(spec, ref, false)).to.be.below(1e-9);
  });
});
