import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MissingFileError, NotAnNnbmaFolderError, UnsupportedBackendError, UnsupportedModelFormatError } from "../src/index.js";
import { loadModel } from "../src/node.js";
import { nnbmaFolder } from "./helpers/paths.js";
import { expectAllclose, loadJson, loadReference, testdataPath } from "@nabla/testing";
import { cpu, tensor, type Backend } from "@nabla/tensor";
import { writeSafetensors } from "./helpers/safetensorsWriter.js";

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to be rejected");
}

describe("loadModel (node)", () => {
  it("opens a directory as an nnbma network folder", async () => {
    const model = await loadModel(nnbmaFolder("merging"));
    expect(model.format).to.equal("nnbma");
    expect(model.outputs).to.deep.equal(["a1", "a2", "b1", "b2", "b3"]);
  });

  it("makes an nnbma network's weights on the backend asked for, and refuses any backend but the CPU one for ONNX", async () => {
    const model = await loadModel(nnbmaFolder("seed-net"), { backend: cpu });
    expect(model.forward(tensor([0.5, -0.25])).backend).to.equal(cpu);
    const other = { name: "other" } as unknown as Backend;
    const error = await rejection(loadModel(testdataPath("onnx/seed-net.onnx"), { backend: other }));
    expect(error).to.be.instanceOf(UnsupportedBackendError);
    expect(error.message).to.match(/seed-net\.onnx: ONNX models are made on the CPU backend only, not on "other"/);
  });

  it("opens an .onnx file as ONNX, and a .safetensors file with the spec of the same name beside it", async () => {
    const onnx = await loadModel(testdataPath("onnx/seed-net.onnx"));
    expect(onnx.format).to.equal("onnx");
    const ref = loadReference("seed-net");
    expectAllclose(onnx.forward(tensor(ref.points.slice(0, 5))), ref.value.slice(0, 5), { rtol: 1e-9, atol: 1e-12 });
    const dir = mkdtempSync(join(tmpdir(), "nabla-load-"));
    try {
      const weights = loadJson<{ layers: { weight: number[][]; bias: number[] }[] }>("reference/seed-net.weights.json");
      const path = join(dir, "seed.safetensors");
      const tensors = weights.layers.flatMap((l, i) => [
        { name: `l${i}.weight`, dtype: "F32", shape: [l.weight.length, l.weight[0]!.length], values: l.weight.flat() },
        { name: `l${i}.bias`, dtype: "F32", shape: [l.bias.length], values: l.bias },
      ]);
      writeFileSync(path, writeSafetensors(tensors));
      const layers = weights.layers.map((_, i) => ({ weight: `l${i}.weight`, bias: `l${i}.bias`, ...(i < 2 ? { activation: "gelu" } : {}) }));
      writeFileSync(join(dir, "seed.json"), JSON.stringify({ layers }));
      const st = await loadModel(path);
      expect(st.format).to.equal("safetensors");
      expectAllclose(st.forward(tensor(ref.points.slice(0, 5))), ref.value.slice(0, 5), { rtol: 1e-9, atol: 1e-12 });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("refuses a missing path, an empty folder and a file in no supported format, naming the path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nabla-load-"));
    try {
      const missing = await rejection(loadModel(join(dir, "nothing")));
      expect(missing).to.be.instanceOf(MissingFileError);
      expect(missing.message).to.match(
        new RegExp(
          `^${join(dir, "nothing").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: no such file or folder; expected an nnbma network folder .*, an ONNX file \\(\\.onnx\\) or a safetensors file`,
        ),
      );
      expect(await rejection(loadModel(dir))).to.be.instanceOf(NotAnNnbmaFolderError);
      const file = join(dir, "weights.bin");
      writeFileSync(file, "not a model");
      const other = await rejection(loadModel(file));
      expect(other).to.be.instanceOf(UnsupportedModelFormatError).and.include({ file });
      expect(other.message).to.match(/weights\.bin: is a file in no format nabla opens; expected an nnbma network folder/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
