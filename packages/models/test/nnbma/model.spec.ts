import { expect } from "chai";
import { Prim, take, tensor, type Tensor } from "@nabla/tensor";
import { hessian, jacrev, secondOrder, vmap } from "@nabla/autodiff";
import { cpuKernelsRun, expectAllclose, loadReference, meudonScaleDir, seededUniform, type Reference } from "@nabla/testing";
import {
  InputShapeError,
  type Model,
  type NnbmaNetworkSpec,
  OutputSelectionError,
  WeightShapeError,
  loadNnbma,
  nnbmaModel,
  readNnbmaFolder,
  sourceFromFiles,
} from "../../src/index.js";
import { loadModel, readNnbmaDirectory } from "../../src/node.js";
import { folderFiles, utf8 } from "../helpers/folder.js";
import { nnbmaFolder } from "../helpers/paths.js";
import { plainForward, plainTransform } from "../helpers/plainForward.js";

const TOL = { rtol: 1e-9, atol: 1e-12 };

async function rejection(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

/** The reference's value, Jacobian and Hessian through `f` (vmap(jacrev), vmap(hessian)). */
function checkReference(f: (x: Tensor) => Tensor, ref: Reference): void {
  const X = tensor(ref.points);
  expectAllclose(f(X), ref.value, TOL, `${ref.name} value`);
  expectAllclose(vmap(jacrev(f))(X), ref.jacobian, TOL, `${ref.name} jacobian`);
  expectAllclose(vmap(hessian(f))(X), ref.hessian, TOL, `${ref.name} hessian`);
}

/** Matrix products the CPU backend runs during `run`, as their output shapes. */
const matmulShapes = (run: () => unknown): number[][] =>
  cpuKernelsRun(run)
    .filter((k) => k.prim === Prim.Matmul)
    .map((k) => [...k.shape]);

describe("nnbma/model", () => {
  describe("matches PyTorch's value, Jacobian and Hessian (1e-9 relative, 1e-12 absolute)", () => {
    for (const name of ["seed-net", "fc-bn-elu-transformed", "dense-gelu-tanh", "poly-dense", "merging"]) {
      it(`${name}: forward`, async () => {
        const model = await loadModel(nnbmaFolder(name));
        checkReference(model.forward, { ...loadReference(name), name });
      });
    }

    it("fc-bn-elu-transformed.physical: through the input transformer, with physical", async () => {
      const model = await loadModel(nnbmaFolder("fc-bn-elu-transformed"));
      checkReference(model.physical, { ...loadReference("fc-bn-elu-transformed.physical"), name: "physical" });
    });

    it("meudon-scale: restricted to the reference's outputs (skipped when the folder is absent)", async function () {
      const dir = meudonScaleDir();
      if (!dir) {
        this.test!.title += " — skipped: meudon-scale not found (set NABLA_MEUDON_SCALE or add ../shared/fixtures/nnbma/meudon-scale)";
        this.skip();
      }
      const ref = loadReference("meudon-scale");
      const model = (await loadModel(dir!)).restrict(ref.outputs!);
      expect(model.outputs).to.deep.equal(ref.outputs);
      checkReference(model.forward, { ...ref, name: "meudon-scale" });
    });

    for (const method of ["taylor", "taylorrev"] as const) {
      it(`value, Jacobian and Hessian in one pass (vmap(secondOrder), ${method}) for every architecture`, async () => {
        for (const name of ["seed-net", "fc-bn-elu-transformed", "dense-gelu-tanh", "poly-dense", "merging"]) {
          const model = await loadModel(nnbmaFolder(name));
          const ref = loadReference(name);
          // (SecondOrder is an interface, which vmap's Tree type does not accept without a cast.)
          const both = secondOrder(model.forward, { method }) as unknown as (x: Tensor) => Record<string, Tensor>;
          const { value, jacobian, hessian: h } = vmap(both)(tensor(ref.points)) as Record<string, Tensor>;
          expectAllclose(value!, ref.value, TOL, `${name} value`);
          expectAllclose(jacobian!, ref.jacobian, TOL, `${name} jacobian`);
          expectAllclose(h!, ref.hessian, TOL, `${name} hessian`);
        }
      });
    }

    it("a single point gives the same as a batch of one", async () => {
      const model = await loadModel(nnbmaFolder("poly-dense"));
      const ref = loadReference("poly-dense");
      expectAllclose(model.forward(tensor(ref.points[3]!)), ref.value[3]!, TOL);
      expectAllclose(jacrev(model.forward)(tensor(ref.points[3]!)), ref.jacobian[3]!, TOL);
    });

    it("float32: weights and computation in float32, close to the float64 reference", async () => {
      const model = await loadNnbma(sourceFromFiles(folderFiles(nnbmaFolder("seed-net")), "seed-net"), { dtype: "float32" });
      const ref = loadReference("seed-net");
      const y = model.forward(tensor(ref.points));
      expect(y.dtype).to.equal("float32");
      expectAllclose(y, ref.value, { rtol: 1e-4, atol: 1e-5 });
    });
  });

  describe("names", () => {
    it("uses inputs_names and outputs_names, or x1…, y1… when there are none", async () => {
      const named = await loadModel(nnbmaFolder("fc-bn-elu-transformed"));
      expect(named.format).to.equal("nnbma");
      expect(named.inputs).to.deep.equal(["P", "radm", "Avmax", "angle"]);
      expect(named.outputs).to.have.lengthOf(5);
      const plain = await loadModel(nnbmaFolder("seed-net"));
      expect(plain.inputs).to.deep.equal(["x1", "x2"]);
      expect(plain.outputs).to.deep.equal(["y1", "y2", "y3"]);
    });
  });

  describe("restrict", () => {
    const points = tensor(seededUniform(7, 40, -1.5, 1.5), [10, 4]);
    // Fewer columns can move a product from one kernel to the other (the WebAssembly one fuses its multiply-adds): the last bits may differ.
    const rounding = { rtol: 1e-14, atol: 1e-16 };

    it("by indices equals the full output's columns, in order, with repeats", async () => {
      for (const name of ["fc-bn-elu-transformed", "poly-dense", "dense-gelu-tanh"]) {
        const model = await loadModel(nnbmaFolder(name));
        const X = name === "dense-gelu-tanh" ? take(points, [0, 1, 2], 1) : points;
        const picked = [3, 0, 3, 1];
        const restricted = model.restrict(picked);
        expect(restricted.outputs).to.deep.equal(picked.map((i) => model.outputs[i]));
        expectAllclose(restricted.forward(X), take(model.forward(X), picked, 1), rounding, name);
        expectAllclose(vmap(jacrev(restricted.forward))(X), take(vmap(jacrev(model.forward))(X), picked, 1), rounding, name);
      }
    });

    it("MergingNetwork: across sub-networks, by names and indices, each sub-network restricted", async () => {
      const model = await loadModel(nnbmaFolder("merging"));
      const X = take(points, [0, 1], 1);
      const full = model.forward(X);
      const byName = model.restrict(["b3", "a1", "b1", "b3"]);
      expectAllclose(byName.forward(X), take(full, [4, 0, 2, 4], 1), rounding);
      expectAllclose(model.restrict([1]).forward(X), take(full, [1], 1), rounding);
      // Only sub-network b's rows 0 and 2 are computed: its last product has 2 columns; a's is skipped.
      const shapes = matmulShapes(() => model.restrict(["b3", "b1"]).forward(X));
      expect(shapes.map((s) => s[s.length - 1])).to.deep.equal([16, 16, 2]);
    });

    it("a restriction of a restriction picks among the restricted outputs", async () => {
      const model = await loadModel(nnbmaFolder("fc-bn-elu-transformed"));
      const once = model.restrict([4, 2, 0]);
      const twice = once.restrict([once.outputs[2]!, 1]);
      expect(twice.outputs).to.deep.equal([model.outputs[0], model.outputs[2]]);
      expectAllclose(twice.forward(points), take(model.forward(points), [0, 2], 1), rounding);
    });

    it("computes only the selected rows of the last layer", async () => {
      const model = await loadModel(nnbmaFolder("seed-net"));
      const X = take(points, [0, 1], 1);
      expect(matmulShapes(() => model.forward(X))).to.deep.equal([
        [10, 100],
        [10, 100],
        [10, 3],
      ]);
      expect(matmulShapes(() => model.restrict(["y2"]).forward(X))).to.deep.equal([
        [10, 100],
        [10, 100],
        [10, 1],
      ]);
    });

    it("meudon-scale: one output of 5375 costs one row of the output layer (skipped when the folder is absent)", async function () {
      const dir = meudonScaleDir();
      if (!dir) {
        this.test!.title += " — skipped: meudon-scale not found";
        this.skip();
      }
      const model = await loadModel(dir!);
      expect(model.outputs).to.have.lengthOf(5375);
      const one = model.restrict([model.outputs[1234]!]);
      const shapes = matmulShapes(() => one.forward(points));
      expect(shapes[shapes.length - 1]).to.deep.equal([10, 1]);
    });
  });

  describe("evaluate and physical", () => {
    it("evaluate is the output transformer of forward on transformed inputs (checked in plain float64)", async () => {
      const spec = await readNnbmaDirectory(nnbmaFolder("fc-bn-elu-transformed"));
      const model = nnbmaModel(spec);
      const ref = loadReference("fc-bn-elu-transformed.physical");
      const X = tensor(ref.points);
      const expected = ref.points.map((p) => {
        const inner = plainTransform(spec.inputsTransformer!, Float64Array.from(p));
        return Array.from(plainTransform(spec.outputsTransformer!, plainForward(spec, inner)));
      });
      expectAllclose(model.evaluate(X), expected, { rtol: 1e-11 });
      // pow10 of physical: its Jacobian is ln 10 · 10^y · ∂y/∂x.
      const y = ref.value;
      const chain = ref.jacobian.map((rows, i) => rows.map((row, k) => row.map((d) => Math.LN10 * 10 ** y[i]![k]! * d)));
      expectAllclose(vmap(jacrev(model.evaluate))(X), chain, { rtol: 1e-9 });
    });

    it("evaluate of a restricted model applies the transformer to the selected columns", async () => {
      const model = await loadModel(nnbmaFolder("fc-bn-elu-transformed"));
      const X = tensor(loadReference("fc-bn-elu-transformed.physical").points);
      expectAllclose(model.restrict([3, 1]).evaluate(X), take(model.evaluate(X), [3, 1], 1), { rtol: 0, atol: 0 });
    });

    it("without transformers, physical and evaluate are forward", async () => {
      const model = await loadModel(nnbmaFolder("seed-net"));
      const X = tensor(loadReference("seed-net").points.slice(0, 5));
      expectAllclose(model.physical(X), model.forward(X), { rtol: 0 });
      expectAllclose(model.evaluate(X), model.forward(X), { rtol: 0 });
    });
  });

  describe("summary", () => {
    it("prints the class, layer sizes, activation, batch norm, names, transformers and parameter count", async () => {
      const text = (await loadModel(nnbmaFolder("fc-bn-elu-transformed"))).summary();
      expect(text).to.match(/^FullyConnected:\n/);
      expect(text).to.include("\tlayers_sizes: [4, 32, 32, 5]\n");
      expect(text).to.include("\tactivation: ELU(alpha=1.0)\n");
      expect(text).to.include("\tbatch_norm: True\n");
      expect(text).to.include("\tinputs_names: ['P', 'radm', 'Avmax', 'angle']\n");
      expect(text).to.include("'co_v0_j1__v0_j0'");
      expect(text).to.include(
        "\tinputs_transformer: SequentialOperator: [ColumnwiseOperator: [log10, log10, log10, id], Normalizer: NormTypes.MEAN0STD1]\n",
      );
      expect(text).to.include("\toutputs_transformer: Operator: pow10\n");
      // 4·32 + 2·32 + 32·32 + 2·32 + 32·5 + 5 (linear weights, batch-norm scales and shifts, output bias).
      expect(text).to.include("\tparameters: 1445\n");
    });

    it("nests sub-networks and names a restriction", async () => {
      const poly = await loadModel(nnbmaFolder("poly-dense"));
      const text = poly.restrict([2, 0]).summary();
      expect(text).to.match(/^PolynomialNetwork:\n\tinput_features: 4\n\torder: 3\n\tsubnetwork: DenselyConnected:\n\t\tinput_features: 34\n/);
      expect(text).to.include("\t\tlayers_sizes: [34, 51, 77, 6]\n");
      expect(text).to.include("\t\tactivation: GELU(approximate='none')\n");
      expect(text).to.include("\trestricted to: ['y3', 'y1'] (2 of 6 outputs)\n");
      const merging = (await loadModel(nnbmaFolder("merging"))).summary();
      expect(merging).to.include("[0] FullyConnected:\n\t\t\tlayers_sizes: [2, 16, 2]\n\t\t\tactivation: Tanh()");
      expect(merging).to.include("[1] FullyConnected:\n\t\t\tlayers_sizes: [2, 16, 16, 3]\n\t\t\tactivation: Sigmoid()");
    });
  });

  describe("bad input", () => {
    it("weights whose shapes disagree with the architecture", async () => {
      const files = folderFiles(nnbmaFolder("seed-net"));
      files.set("layers_sizes.json", utf8("[2, 100, 50, 3]"));
      const error = await rejection(() => loadNnbma(sourceFromFiles(files, "seed-net")));
      expect(error).to.be.instanceOf(WeightShapeError);
      expect(error.message).to.equal(
        'seed-net/state_dict.pth: weight "layers.1.weight" has shape [100, 100] but layers_sizes [2, 100, 50, 3] (seed-net/layers_sizes.json) gives [50, 100].',
      );
    });

    it("a spec edited after reading: the builder checks the shapes again", async () => {
      const spec = await readNnbmaFolder(sourceFromFiles(folderFiles(nnbmaFolder("dense-gelu-tanh")), "dense-gelu-tanh"));
      if (spec.architecture !== "DenselyConnected") throw new Error("expected a DenselyConnected network");
      const edited: NnbmaNetworkSpec = { ...spec, hiddenLayers: [spec.hiddenLayers[1]!, spec.hiddenLayers[0]!, spec.hiddenLayers[2]!] };
      const error = await rejection(() => nnbmaModel(edited));
      expect(error)
        .to.be.instanceOf(WeightShapeError)
        .and.deep.include({ key: "layers.0.weight", expected: [2, 3], actual: [3, 5] });
      expect(error.message).to.match(
        /^dense-gelu-tanh\/state_dict\.pth: weight "layers\.0\.weight" has shape \[3, 5\] but input_features 3, n_layers 4, growing_factor 0\.5 \(dense-gelu-tanh\) gives \[2, 3\]\.$/,
      );
    });

    it("unknown output names: the error lists the valid ones", async () => {
      const model = await loadModel(nnbmaFolder("fc-bn-elu-transformed"));
      const error = await rejection(() => model.restrict(["co_v0_j1__v0_j0", "hcop_j2__j1"]));
      expect(error).to.be.instanceOf(OutputSelectionError).and.include({ entry: "hcop_j2__j1" });
      expect(error.message).to.match(
        /fc-bn-elu-transformed: no output is named "hcop_j2__j1"; expected one of co_v0_j1__v0_j0, co_v0_j2__v0_j1, hcop_j1__j0, cs_j2__j1, c_el3p_j1__el3p_j0, or an index\.$/,
      );
    });

    it("meudon-scale: an unknown name lists the closest few of 5375, not all (skipped when the folder is absent)", async function () {
      const dir = meudonScaleDir();
      if (!dir) {
        this.test!.title += " — skipped: meudon-scale not found";
        this.skip();
      }
      const model = await loadModel(dir!);
      const error = await rejection(() => model.restrict(["h2_v0_j2__v0_j9"]));
      expect(error).to.be.instanceOf(OutputSelectionError);
      expect(error.message).to.match(
        /no output is named "h2_v0_j2__v0_j9"; the closest of its 5375 outputs are h2_v0_j2__v0_j0, [^;]*, or an index\.$/,
      );
      expect(error.message.length).to.be.below(400);
    });

    it("restrict with an index out of range, a fractional index, or nothing", async () => {
      const model = await loadModel(nnbmaFolder("seed-net"));
      for (const bad of [3, -4, 1.5]) {
        const error = await rejection(() => model.restrict([0, bad]));
        expect(error).to.be.instanceOf(OutputSelectionError).and.include({ entry: bad });
        expect(error.message).to.include(`seed-net: output index ${bad} is out of range; expected an integer in [0, 2]`);
      }
      expect(await rejection(() => model.restrict([]))).to.be.instanceOf(OutputSelectionError);
      expect(await rejection(() => model.restrict(["y4"]))).to.be.instanceOf(OutputSelectionError);
    });

    it("points of the wrong width", async () => {
      const model: Model = await loadModel(nnbmaFolder("seed-net"));
      const error = await rejection(() => model.forward(tensor([[1, 2, 3]])));
      expect(error).to.be.instanceOf(InputShapeError);
      expect(error.message).to.match(/seed-net: forward was given a tensor of shape \[1, 3\]; expected \[2\] \(one point\) or \[N, 2\]/);
    });
  });
});
