import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectAllclose, seededUniform } from "@nabla/testing";
import { tensor } from "@nabla/tensor";
import type { Activation } from "../../src/index.js";
import { InputShapeError } from "../../src/errors.js";
import { loadSafetensors } from "../../src/safetensors/loadSafetensors.js";
import { loadSafetensorsFile } from "../../src/safetensors/node.js";
import { readSafetensors } from "../../src/safetensors/read.js";
import { activate } from "../helpers/plainForward.js";
import { writeSafetensors } from "../helpers/safetensorsWriter.js";
import { seedSafetensors } from "../helpers/seedNet.js";
import { expectSeedDerivatives, referenceSubset, SEED_TOLERANCE } from "../helpers/seedReference.js";

describe("safetensors/loadSafetensors", () => {
  describe("the seed network's weights as a safetensors file", () => {
    it("F32 tensors: PyTorch's value, Jacobian and Hessian to 1e-9", () => {
      const { bytes, spec } = seedSafetensors("F32");
      const model = loadSafetensors(bytes, spec, "seed.safetensors");
      expect(model.format).to.equal("safetensors");
      expect(model.inputs).to.deep.equal(["x1", "x2"]);
      expect(model.outputs).to.deep.equal(["y1", "y2", "y3"]);
      expectSeedDerivatives(model.forward);
    });

    it("F64 tensors and a spec given as JSON text, with names", () => {
      const { bytes, spec } = seedSafetensors("F64");
      const model = loadSafetensors(bytes, JSON.stringify({ ...spec, inputs: ["t1", "t2"], outputs: ["f1", "f2", "f3"] }), "seed64.safetensors");
      expect(model.inputs).to.deep.equal(["t1", "t2"]);
      expect(model.outputs).to.deep.equal(["f1", "f2", "f3"]);
      expectSeedDerivatives(model.forward, referenceSubset(2));
    });

    it("maps one point [2] to [3] and [N, 2] to [N, 3]; physical and evaluate are forward", () => {
      const { bytes, spec } = seedSafetensors();
      const { forward, physical, evaluate } = loadSafetensors(bytes, spec);
      const ref = referenceSubset(30);
      expectAllclose(forward(tensor(ref.points[2]!)), ref.value[2]!, SEED_TOLERANCE);
      expectAllclose(physical(tensor(ref.points)), ref.value, SEED_TOLERANCE);
      expectAllclose(evaluate(tensor(ref.points)), ref.value, SEED_TOLERANCE);
      expect(() => forward(tensor([[1, 2, 3]]))).to.throw(InputShapeError, /model\.safetensors: forward .*\[1, 3\]; expected \[2\]/);
    });

    it("restricts to rows of the last layer, and restrictions compose", () => {
      const { bytes, spec } = seedSafetensors();
      const model = loadSafetensors(bytes, { ...spec, outputs: ["a", "b", "c"] }, "seed.safetensors");
      const restricted = model.restrict(["c", 0]);
      expect(restricted.outputs).to.deep.equal(["c", "a"]);
      expectSeedDerivatives(restricted.forward, referenceSubset(3, [2, 0]));
      const again = restricted.restrict(["a"]);
      expect(again.outputs).to.deep.equal(["a"]);
      expectSeedDerivatives(again.forward, referenceSubset(10, [0]));
      expect(again.summary()).to.contain("restricted to a: rows of the last layer");
    });

    it("summarizes the layers", () => {
      const { bytes, spec } = seedSafetensors();
      expect(loadSafetensors(bytes, spec, "seed.safetensors").summary()).to.equal(
        [
          "safetensors model seed.safetensors: 3 linear layers, sizes [2, 100, 100, 3], 10,703 parameters",
          "  layers[0]: fc1.weight [100, 2] + fc1.bias [100] → gelu(approximate=none)",
          "  layers[1]: fc2.weight [100, 100] + fc2.bias [100] → gelu(approximate=none)",
          "  layers[2]: out.weight [3, 100] + out.bias [3]",
          "  inputs:  x1, x2",
          "  outputs: y1, y2, y3",
        ].join("\n"),
      );
    });

    it("loads from files with the Node helper (spec as a path or an object)", async () => {
      const dir = mkdtempSync(join(tmpdir(), "safetensors-"));
      try {
        const { bytes, spec } = seedSafetensors();
        writeFileSync(join(dir, "seed.safetensors"), bytes);
        writeFileSync(join(dir, "seed.json"), JSON.stringify(spec));
        const ref = referenceSubset(60);
        for (const given of [join(dir, "seed.json"), spec]) {
          const model = await loadSafetensorsFile(join(dir, "seed.safetensors"), given);
          expectAllclose(model.forward(tensor(ref.points)), ref.value, SEED_TOLERANCE);
        }
      } finally {
        rmSync(dir, { recursive: true });
      }
    });
  });

  describe("activations, as nnbma's (PyTorch's) definitions", () => {
    // A [3, 4, 2] network: each activation after the hidden layer.
    const w1 = Array.from(seededUniform(1, 12, -2, 2));
    const b1 = Array.from(seededUniform(2, 4, -1, 1));
    const w2 = Array.from(seededUniform(3, 8, -1, 1));
    const bytes = writeSafetensors([
      { name: "w1", dtype: "F64", shape: [4, 3], values: w1 },
      { name: "b1", dtype: "F64", shape: [4], values: b1 },
      { name: "w2", dtype: "F64", shape: [2, 4], values: w2 },
    ]);
    const xs = [0, 1, 2, 3, 4, 5].map((i) => Array.from(seededUniform(10 + i, 3, -3, 3)));
    const plain = (activation: Activation, x: number[]): number[] => {
      const h = b1.map((b, o) => activate(activation, b + x.reduce((s, v, i) => s + v * w1[o * 3 + i]!, 0)));
      return [0, 1].map((o) => h.reduce((s, v, i) => s + v * w2[o * 4 + i]!, 0));
    };
    const cases: [unknown, Activation][] = [
      ["relu", { kind: "activation", type: "ReLU" }],
      [
        { type: "leaky_relu", slope: 0.2 },
        { kind: "activation", type: "LeakyReLU", negativeSlope: 0.2 },
      ],
      ["leaky_relu", { kind: "activation", type: "LeakyReLU", negativeSlope: 0.01 }],
      [
        { type: "elu", alpha: 0.7 },
        { kind: "activation", type: "ELU", alpha: 0.7 },
      ],
      ["gelu", { kind: "activation", type: "GELU", approximate: "none" }],
      [
        { type: "gelu", approximate: "tanh" },
        { kind: "activation", type: "GELU", approximate: "tanh" },
      ],
      ["tanh", { kind: "activation", type: "Tanh" }],
      ["sigmoid", { kind: "activation", type: "Sigmoid" }],
      ["silu", { kind: "activation", type: "SiLU" }],
      [
        { type: "softplus", beta: 2, threshold: 3 },
        { kind: "activation", type: "Softplus", beta: 2, threshold: 3 },
      ],
      ["softplus", { kind: "activation", type: "Softplus", beta: 1, threshold: 20 }],
      ["softsign", { kind: "activation", type: "Softsign" }],
      ["identity", { kind: "activation", type: "Identity" }],
    ];
    for (const [given, activation] of cases) {
      it(`${JSON.stringify(given)}`, () => {
        const model = loadSafetensors(bytes, { layers: [{ weight: "w1", bias: "b1", activation: given }, { weight: "w2" }] });
        expectAllclose(
          model.forward(tensor(xs)),
          xs.map((x) => plain(activation, x)),
          { rtol: 1e-12, atol: 1e-14 },
        );
      });
    }
  });

  it("reads the header and metadata, and leaves tensors it does not use unread (an I64 counter)", () => {
    const bytes = writeSafetensors(
      [
        { name: "w", dtype: "F32", shape: [1, 2], values: [0.5, -1] },
        { name: "bn.num_batches_tracked", dtype: "I64", shape: [], bytes: new Uint8Array(8) },
      ],
      { format: "pt" },
    );
    const file = readSafetensors(bytes, "m.safetensors");
    expect(file.metadata).to.deep.equal({ format: "pt" });
    expect([...file.tensors.keys()]).to.deep.equal(["w", "bn.num_batches_tracked"]);
    const model = loadSafetensors(bytes, { layers: [{ weight: "w" }] });
    expectAllclose(model.forward(tensor([2, 4])), [-3]);
  });
});
