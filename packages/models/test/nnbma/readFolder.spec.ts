import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type DenselyConnectedSpec,
  type FullyConnectedSpec,
  type MergingNetworkSpec,
  MissingFileError,
  NnbmaFormatError,
  type NnbmaNetworkSpec,
  NotAnNnbmaFolderError,
  PickleFormatError,
  type PolynomialNetworkSpec,
  type StateTensor,
  UnsupportedArchitectureError,
  UnsupportedPickleGlobalError,
  WeightKeyError,
  WeightShapeError,
  ZipFormatError,
  readNnbmaFolder,
  sourceFromFiles,
} from "../../src/index.js";
import { readNnbmaDirectory } from "../../src/node.js";
import { folderFiles, readBytes, utf8 } from "../helpers/folder.js";
import { meudonScaleFolder, nnbmaFolder, referenceFile } from "../helpers/paths.js";
import { PickleWriter, callPickle } from "../helpers/pickleWriter.js";

const read = (name: string): Promise<NnbmaNetworkSpec> => readNnbmaDirectory(nnbmaFolder(name));

/** A fixture folder in memory, with some files replaced (a Uint8Array) or removed (null). */
function variant(name: string, changes: Record<string, Uint8Array | null>): Promise<NnbmaNetworkSpec> {
  const files = folderFiles(nnbmaFolder(name));
  for (const [path, bytes] of Object.entries(changes)) {
    if (bytes === null) files.delete(path);
    else files.set(path, bytes);
  }
  return readNnbmaFolder(sourceFromFiles(files, name));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to be rejected");
}

function values(t: StateTensor): number[] {
  return Array.from(t.data as Float32Array);
}

describe("nnbma/readFolder", () => {
  describe("the testdata folders", () => {
    it("seed-net: FullyConnected [2, 100, 100, 3], exact GELU, weights equal to the reference JSON", async () => {
      const spec = (await read("seed-net")) as FullyConnectedSpec;
      expect(spec.architecture).to.equal("FullyConnected");
      expect(spec.className).to.equal("nnbma.networks.fully_connected.FullyConnected");
      expect(spec.layersSizes).to.deep.equal([2, 100, 100, 3]);
      expect([spec.inputFeatures, spec.outputFeatures]).to.deep.equal([2, 3]);
      expect(spec.activation).to.deep.equal({ kind: "activation", type: "GELU", approximate: "none" });
      expect(spec.batchNorm).to.equal(false);
      expect(spec.lastRestrictable).to.equal(true);
      expect([spec.inputsNames, spec.outputsNames, spec.inputsTransformer, spec.outputsTransformer]).to.deep.equal([null, null, null, null]);
      expect(spec.device).to.equal("cpu");

      const reference = JSON.parse(readFileSync(referenceFile("seed-net.weights.json"), "utf8")) as {
        layers: { weight: number[][]; bias: number[] }[];
      };
      const layers = [...spec.hiddenLayers.map((l) => l.linear), spec.outputLayer];
      expect(layers).to.have.lengthOf(reference.layers.length);
      layers.forEach((layer, i) => {
        const ref = reference.layers[i]!;
        expect(layer.weight.dtype).to.equal("float32");
        expect(layer.weight.shape).to.deep.equal([ref.weight.length, ref.weight[0]!.length]);
        expect(values(layer.weight)).to.deep.equal(ref.weight.flat());
        expect(values(layer.bias!)).to.deep.equal(ref.bias);
        expect(ref.bias.every((v) => Math.fround(v) === v)).to.equal(true);
      });
      expect(spec.stateDict.get("layers.0.weight")).to.equal(spec.hiddenLayers[0]!.linear.weight);
    });

    it("fc-bn-elu-transformed: batch norm in eval mode, names and both transformers", async () => {
      const spec = (await read("fc-bn-elu-transformed")) as FullyConnectedSpec;
      expect(spec.layersSizes).to.deep.equal([4, 32, 32, 5]);
      expect(spec.activation).to.deep.equal({ kind: "activation", type: "ELU", alpha: 1 });
      expect(spec.batchNorm).to.equal(true);
      expect(spec.inputsNames).to.deep.equal(["P", "radm", "Avmax", "angle"]);
      expect(spec.outputsNames).to.have.lengthOf(5).and.include("hcop_j1__j0");
      for (const layer of spec.hiddenLayers) {
        expect(layer.linear.bias).to.equal(null);
        const bn = layer.batchNorm!;
        expect(bn.eps).to.equal(1e-5);
        expect(bn.runningMean.shape).to.deep.equal([32]);
        expect(values(bn.runningVar).every((v) => v > 0)).to.equal(true);
        expect(values(bn.runningMean).some((v) => v !== 0)).to.equal(true);
        expect(bn.numBatchesTracked?.dtype).to.equal("int64");
      }
      const input = spec.inputsTransformer!;
      expect(input.type).to.equal("SequentialOperator");
      if (input.type !== "SequentialOperator") return;
      const [columns, normalizer] = input.ops;
      expect(columns).to.deep.equal({
        kind: "transformer",
        type: "ColumnwiseOperator",
        nCols: 4,
        ops: ["log10", "log10", "log10", "id"].map((name) => ({ kind: "transformer", type: "Operator", fun: { kind: "operator-function", name } })),
      });
      expect(normalizer!.type).to.equal("Normalizer");
      if (normalizer!.type !== "Normalizer") return;
      expect(normalizer!.normType).to.equal("MEAN0STD1");
      for (const stat of Object.values(normalizer!.stats)) expect(stat).to.deep.include({ dtype: "float64", shape: [4] });
      expect(spec.outputsTransformer).to.deep.equal({ kind: "transformer", type: "Operator", fun: { kind: "operator-function", name: "pow10" } });
    });

    it("dense-gelu-tanh: DenselyConnected 3 → 4, 4 layers, growing factor 0.5, tanh GELU", async () => {
      const spec = (await read("dense-gelu-tanh")) as DenselyConnectedSpec;
      expect(spec.architecture).to.equal("DenselyConnected");
      expect([spec.inputFeatures, spec.outputFeatures, spec.nLayers, spec.growingFactor]).to.deep.equal([3, 4, 4, 0.5]);
      expect(spec.activation).to.deep.equal({ kind: "activation", type: "GELU", approximate: "tanh" });
      expect(spec.layersSizes).to.deep.equal([3, 5, 8, 12, 4]);
      expect(spec.hiddenLayers.map((l) => l.linear.weight.shape)).to.deep.equal([
        [2, 3],
        [3, 5],
        [4, 8],
      ]);
      expect(spec.outputLayer.weight.shape).to.deep.equal([4, 12]);
    });

    it("poly-dense: PolynomialNetwork of order 3 over 4 inputs, its monomials and statistics", async () => {
      const spec = (await read("poly-dense")) as PolynomialNetworkSpec;
      expect(spec.architecture).to.equal("PolynomialNetwork");
      expect([spec.inputFeatures, spec.outputFeatures, spec.order]).to.deep.equal([4, 6, 3]);
      const e = spec.expansion;
      expect([e.nFeatures, e.order, e.nExpandedFeatures]).to.deep.equal([4, 3, 34]);
      expect(e.mask.shape).to.deep.equal([125, 34]);
      // Degree 1, then 2, then 3, each in lexicographic order (as nnbma's docstring shows).
      expect(e.monomials.slice(0, 6)).to.deep.equal([[0], [1], [2], [3], [0, 0], [0, 1]]);
      expect(e.monomials[13]).to.deep.equal([3, 3]);
      expect(e.monomials[14]).to.deep.equal([0, 0, 0]);
      expect(e.monomials[33]).to.deep.equal([3, 3, 3]);
      expect(Number(e.count.data[0])).to.be.greaterThan(0);
      expect(values(e.stds).every((v) => v > 0)).to.equal(true);
      const sub = spec.subnetwork as DenselyConnectedSpec;
      expect(sub.architecture).to.equal("DenselyConnected");
      expect([sub.inputFeatures, sub.outputFeatures, sub.nLayers]).to.deep.equal([34, 6, 3]);
      expect(sub.location).to.match(/poly-dense\/subnetwork$/);
    });

    it("merging: MergingNetwork of FullyConnected Tanh and Sigmoid, outputs named in order", async () => {
      const spec = (await read("merging")) as MergingNetworkSpec;
      expect(spec.architecture).to.equal("MergingNetwork");
      expect([spec.inputFeatures, spec.outputFeatures]).to.deep.equal([2, 5]);
      expect(spec.outputsNames).to.deep.equal(["a1", "a2", "b1", "b2", "b3"]);
      expect(spec.indices).to.deep.equal([0, 1, 2, 3, 4]);
      const [a, b] = spec.subnetworks as FullyConnectedSpec[];
      expect([a!.layersSizes, a!.activation.type]).to.deep.equal([[2, 16, 2], "Tanh"]);
      expect([b!.layersSizes, b!.activation.type]).to.deep.equal([[2, 16, 16, 3], "Sigmoid"]);
      expect(spec.stateDict.size).to.equal(0);
    });

    it("merging: outputs_names in another order gives the matching indices", async () => {
      const spec = (await variant("merging", { "outputs_names.json": utf8('["b3", "a1", "b1", "a2", "b2"]') })) as MergingNetworkSpec;
      expect(spec.indices).to.deep.equal([4, 0, 2, 1, 3]);
    });

    it("meudon-scale: PolynomialNetwork → DenselyConnected 34 → 5375 (skipped when the folder is absent)", async function () {
      const dir = meudonScaleFolder();
      if (!dir) {
        this.test!.title += " — skipped: meudon-scale not found (set NABLA_MEUDON_SCALE or add ../shared/fixtures/nnbma/meudon-scale)";
        this.skip();
      }
      const spec = (await readNnbmaDirectory(dir!)) as PolynomialNetworkSpec;
      expect(spec.architecture).to.equal("PolynomialNetwork");
      expect([spec.inputFeatures, spec.outputFeatures, spec.order]).to.deep.equal([4, 5375, 3]);
      expect(spec.inputsNames).to.deep.equal(["P", "radm", "Avmax", "angle"]);
      expect(spec.outputsNames).to.have.lengthOf(5375);
      const sub = spec.subnetwork as DenselyConnectedSpec;
      expect([sub.inputFeatures, sub.outputFeatures, sub.nLayers, sub.growingFactor]).to.deep.equal([34, 5375, 10, 0.5]);
      expect(sub.layersSizes).to.deep.equal([34, 51, 77, 116, 174, 261, 392, 588, 882, 1323, 5375]);
      expect(sub.activation).to.deep.equal({ kind: "activation", type: "GELU", approximate: "none" });
      expect(sub.outputLayer.weight.shape).to.deep.equal([5375, 1323]);
      let parameters = 0;
      for (const t of sub.stateDict.values()) parameters += t.data.length;
      expect(parameters).to.be.within(7.7e6, 7.9e6);
      const input = spec.inputsTransformer!;
      expect(input.type).to.equal("SequentialOperator");
      if (input.type === "SequentialOperator" && input.ops[1]!.type === "Normalizer") {
        expect(input.ops[1]!.stats.mean.dtype).to.equal("float32");
      }
    });

    it("accepts a network saved on a GPU machine (device 'cuda')", async () => {
      const spec = await variant("seed-net", { "device.json": utf8('"cuda"') });
      expect(spec.device).to.equal("cuda");
    });

    it("accepts operators pickled under nnbma's former preprocessing module", async () => {
      const oldPath = new PickleWriter()
        .proto(2)
        .global("nnbma.preprocessing.operator", "Operator")
        .emptyTuple()
        .newObj()
        .emptyDict()
        .str("fun")
        .global("nnbma.preprocessing.base", "pow10")
        .setItem()
        .build()
        .stop()
        .toBytes();
      const spec = await variant("seed-net", { "outputs_transformer.json": null, "outputs_transformer.pkl": oldPath });
      expect(spec.outputsTransformer).to.deep.equal({ kind: "transformer", type: "Operator", fun: { kind: "operator-function", name: "pow10" } });
    });
  });

  describe("bad input: each error names the file and the problem", () => {
    it("a missing argument file", async () => {
      const error = await rejection(variant("seed-net", { "batch_norm.json": null }));
      expect(error).to.be.instanceOf(MissingFileError);
      expect(error.message).to.match(
        /^seed-net: the argument "batch_norm" of nnbma\.networks\.fully_connected\.FullyConnected is missing; expected batch_norm\.json, batch_norm\.pkl or a batch_norm\/ folder/,
      );
    });

    it("weights whose shapes disagree with layers_sizes", async () => {
      const error = await rejection(variant("seed-net", { "layers_sizes.json": utf8("[2, 50, 100, 3]") }));
      expect(error)
        .to.be.instanceOf(WeightShapeError)
        .and.deep.include({ key: "layers.0.weight", expected: [50, 2], actual: [100, 2] });
      expect(error.message).to.equal(
        'seed-net/state_dict.pth: weight "layers.0.weight" has shape [100, 2] but layers_sizes [2, 50, 100, 3] (seed-net/layers_sizes.json) gives [50, 2].',
      );
    });

    it("a state dict with entries the architecture lacks, or lacking one it needs", async () => {
      const seed = readBytes(`${nnbmaFolder("seed-net")}/state_dict.pth`);
      const extra = await rejection(variant("merging", { "state_dict.pth": seed }));
      expect(extra).to.be.instanceOf(WeightKeyError);
      expect(extra.message).to.match(/^merging\/state_dict\.pth: the state dict holds "layers\.0\.weight", .* which MergingNetwork does not have/);
      const missing = await rejection(variant("seed-net", { "batch_norm.json": utf8("true") }));
      expect(missing).to.be.instanceOf(WeightKeyError);
      expect(missing.message).to.match(/^seed-net\/state_dict\.pth: the state dict has no entry "layers\.0\.0\.weight"/);
    });

    it("an empty folder", async () => {
      const dir = mkdtempSync(join(tmpdir(), "nnbma-empty-"));
      try {
        const error = await rejection(readNnbmaDirectory(dir));
        expect(error).to.be.instanceOf(NotAnNnbmaFolderError);
        expect(error.message).to.equal(
          `${dir}: the folder is empty; expected an nnbma network folder (init.pkl, one file per constructor argument, state_dict.pth).`,
        );
      } finally {
        rmSync(dir, { recursive: true });
      }
      const inMemory = await rejection(readNnbmaFolder(sourceFromFiles({}, "upload")));
      expect(inMemory)
        .to.be.instanceOf(NotAnNnbmaFolderError)
        .with.property("message")
        .that.matches(/^upload: the folder is empty/);
    });

    it("a folder of something else, a path that does not exist, a file instead of a folder", async () => {
      const other = await rejection(readNnbmaFolder(sourceFromFiles({ "notes.txt": utf8("hi") }, "stuff")));
      expect(other)
        .to.be.instanceOf(NotAnNnbmaFolderError)
        .with.property("message")
        .that.matches(/^stuff: there is no init\.pkl \(it holds notes\.txt\)/);
      const absent = await rejection(readNnbmaDirectory(nnbmaFolder("no-such-network")));
      expect(absent)
        .to.be.instanceOf(MissingFileError)
        .with.property("message")
        .that.matches(/no-such-network: no such folder/);
      const aFile = await rejection(readNnbmaDirectory(`${nnbmaFolder("seed-net")}/init.pkl`));
      expect(aFile)
        .to.be.instanceOf(NotAnNnbmaFolderError)
        .with.property("message")
        .that.matches(/init\.pkl: is a file/);
    });

    it("0-byte files: init.pkl, state_dict.pth, an argument", async () => {
      const empty = new Uint8Array();
      const init = await rejection(variant("seed-net", { "init.pkl": empty }));
      expect(init)
        .to.be.instanceOf(PickleFormatError)
        .with.property("message")
        .that.matches(/^seed-net\/init\.pkl: the file is empty \(0 bytes\)/);
      const weights = await rejection(variant("seed-net", { "state_dict.pth": empty }));
      expect(weights)
        .to.be.instanceOf(ZipFormatError)
        .with.property("message")
        .that.matches(/^seed-net\/state_dict\.pth: the file is empty \(0 bytes\)/);
      const arg = await rejection(variant("seed-net", { "layers_sizes.json": empty }));
      expect(arg)
        .to.be.instanceOf(NnbmaFormatError)
        .with.property("message")
        .that.equals("seed-net/layers_sizes.json: the file is empty (0 bytes); expected a JSON value.");
      const activation = await rejection(variant("seed-net", { "activation.pkl": empty }));
      expect(activation)
        .to.be.instanceOf(PickleFormatError)
        .with.property("message")
        .that.matches(/^seed-net\/activation\.pkl: the file is empty/);
    });

    it("a truncated or corrupted state_dict.pth", async () => {
      const good = readBytes(`${nnbmaFolder("seed-net")}/state_dict.pth`);
      const truncated = await rejection(variant("seed-net", { "state_dict.pth": good.subarray(0, good.length - 100) }));
      expect(truncated)
        .to.be.instanceOf(ZipFormatError)
        .with.property("message")
        .that.matches(/^seed-net\/state_dict\.pth: .*truncated/);
      const corrupted = Uint8Array.from(good);
      corrupted[5000]! ^= 1;
      const bad = await rejection(variant("seed-net", { "state_dict.pth": corrupted }));
      expect(bad)
        .to.be.instanceOf(ZipFormatError)
        .with.property("message")
        .that.matches(/^seed-net\/state_dict\.pth: zip entry ".*" fails its CRC-32 check/);
    });

    it("a missing state_dict.pth", async () => {
      const error = await rejection(variant("seed-net", { "state_dict.pth": null }));
      expect(error)
        .to.be.instanceOf(MissingFileError)
        .with.property("message")
        .that.matches(/^seed-net\/state_dict\.pth: missing/);
    });

    for (const [module, name] of [
      ["os", "system"],
      ["builtins", "eval"],
      ["subprocess", "Popen"],
    ] as const) {
      it(`a pickle calling ${module}.${name} in place of the activation`, async () => {
        const error = await rejection(variant("seed-net", { "activation.pkl": callPickle(module, name, "touch /tmp/pwned") }));
        expect(error).to.be.instanceOf(UnsupportedPickleGlobalError).with.property("globalName", `${module}.${name}`);
        expect(error.message).to.match(
          new RegExp(`^seed-net/activation\\.pkl: the pickle refers to the global "${module}\\.${name}", which is not allowed`),
        );
      });
    }

    it("an init.pkl naming an unknown class, or an argument that is a path", async () => {
      const unknown = new PickleWriter().proto(4).stackGlobal("mypackage.nets", "MyNet").emptyList().tuple2().stop().toBytes();
      const error = await rejection(variant("seed-net", { "init.pkl": unknown }));
      expect(error)
        .to.be.instanceOf(UnsupportedPickleGlobalError)
        .with.property("message")
        .that.matches(/^seed-net\/init\.pkl: .*"mypackage\.nets\.MyNet"/);
      const traversal = new PickleWriter()
        .proto(4)
        .stackGlobal("nnbma.networks.fully_connected", "FullyConnected")
        .emptyList()
        .str("../../etc/passwd")
        .append()
        .tuple2()
        .stop()
        .toBytes();
      const path = await rejection(variant("seed-net", { "init.pkl": traversal }));
      expect(path)
        .to.be.instanceOf(NnbmaFormatError)
        .with.property("message")
        .that.matches(/argument name str "\.\.\/\.\.\/etc\/passwd" is not a Python identifier/);
    });

    it("an argument of the wrong type", async () => {
      const error = await rejection(variant("seed-net", { "layers_sizes.json": utf8('"big"') }));
      expect(error)
        .to.be.instanceOf(NnbmaFormatError)
        .with.property("message", 'seed-net/layers_sizes.json: found str "big"; expected a list of at least 2 positive integers (layers_sizes).');
      const names = await rejection(variant("seed-net", { "outputs_names.json": utf8('["a", "b"]') }));
      expect(names)
        .to.be.instanceOf(NnbmaFormatError)
        .with.property("message")
        .that.matches(/outputs_names has 2 names but the network has 3/);
    });

    it("a PolynomialNetwork whose expansion does not fit its sub-network", async () => {
      const error = await rejection(variant("poly-dense", { "order.json": utf8("2") }));
      expect(error)
        .to.be.instanceOf(NnbmaFormatError)
        .with.property("message")
        .that.matches(/poly-dense\/subnetwork: the sub-network takes 34 inputs but a degree-2 expansion of 4 inputs gives 14/);
      const huge = await rejection(variant("poly-dense", { "order.json": utf8("1000000") }));
      expect(huge)
        .to.be.instanceOf(NnbmaFormatError)
        .with.property("message")
        .that.matches(
          /^poly-dense\/order\.json: an expansion of order 1000000 over 4 inputs needs a mask of 5\^1000000 rows; expected at most 100000000 rows\./,
        );
    });

    it("a MergingNetwork whose sub-network folder is missing", async () => {
      const files = folderFiles(nnbmaFolder("merging"));
      for (const key of [...files.keys()]) if (key.startsWith("subnetworks-1/")) files.delete(key);
      const error = await rejection(readNnbmaFolder(sourceFromFiles(files, "merging")));
      expect(error)
        .to.be.instanceOf(NnbmaFormatError)
        .with.property("message")
        .that.matches(/^merging\/subnetworks\.json: element 1 is None and there is no folder subnetworks-1\//);
    });

    it("an EmbeddingNetwork: not supported, naming what it holds", async () => {
      const seed = folderFiles(nnbmaFolder("seed-net"));
      const files = new Map<string, Uint8Array>();
      for (const [k, v] of seed) files.set(`subnetwork/${k}`, v);
      const args = [
        "subnetwork",
        "preprocessing",
        "postprocessing",
        "inputs_names",
        "outputs_names",
        "inputs_transformer",
        "outputs_transformer",
        "device",
      ];
      const init = new PickleWriter().proto(4).stackGlobal("nnbma.networks.embedding_network", "EmbeddingNetwork").emptyList().mark();
      for (const a of args) init.str(a);
      files.set("init.pkl", init.appends().tuple2().stop().toBytes());
      files.set(
        "preprocessing.pkl",
        new PickleWriter()
          .proto(4)
          .object("nnbma.layers.additional_module", "AdditionalModuleFromExisting", {
            operation: (w) => w.stackGlobal("torch", "log10"),
          })
          .stop()
          .toBytes(),
      );
      files.set("postprocessing.json", utf8("null"));
      const error = await rejection(readNnbmaFolder(sourceFromFiles(files, "embedded")));
      expect(error).to.be.instanceOf(UnsupportedArchitectureError).with.property("className", "nnbma.networks.embedding_network.EmbeddingNetwork");
      expect(error.message).to.equal(
        "embedded: EmbeddingNetwork is not supported (it wraps a sub-network between pre- and post-processing modules; " +
          "subnetwork: a FullyConnected folder; preprocessing: nnbma.layers.additional_module.AdditionalModuleFromExisting, torch.log10; " +
          "postprocessing: null); expected FullyConnected, DenselyConnected, PolynomialNetwork and MergingNetwork.",
      );
    });

    it("a missing sub-network init.pkl is reported with its path", async () => {
      const error = await rejection(variant("poly-dense", { "subnetwork/state_dict.pth": null }));
      expect(error)
        .to.be.instanceOf(MissingFileError)
        .with.property("message")
        .that.matches(/^poly-dense\/subnetwork\/state_dict\.pth: missing/);
    });
  });
});
