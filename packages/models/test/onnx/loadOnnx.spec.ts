import { expect } from "chai";
import { readFileSync } from "node:fs";
import { expectAllclose, testdataPath } from "@nabla/testing";
import { tensor } from "@nabla/tensor";
import { InputShapeError, OutputSelectionError } from "../../src/errors.js";
import { loadOnnx } from "../../src/onnx/loadOnnx.js";
import { loadOnnxFile } from "../../src/onnx/node.js";
import { seedOnnxDecomposed, seedOnnxGemm, seedOnnxSplit, seedOnnxTwoOutputs, seedOnnxUnbatched } from "../helpers/seedNet.js";
import { expectSeedDerivatives, referenceSubset, SEED_TOLERANCE, seedReference } from "../helpers/seedReference.js";

const exported = (): Uint8Array => new Uint8Array(readFileSync(testdataPath("onnx/seed-net.onnx")));

describe("onnx/loadOnnx", () => {
  describe("the seed network exported by PyTorch (testdata/onnx/seed-net.onnx)", () => {
    it("gives PyTorch's value, Jacobian and Hessian to 1e-9", () => {
      expectSeedDerivatives(loadOnnx(exported(), "seed-net.onnx").forward);
    });

    it("names its inputs and outputs x1, x2 and y1…y3 and says what it holds", () => {
      const model = loadOnnx(exported(), "seed-net.onnx");
      expect(model.format).to.equal("onnx");
      expect(model.inputs).to.deep.equal(["x1", "x2"]);
      expect(model.outputs).to.deep.equal(["y1", "y2", "y3"]);
      const summary = model.summary();
      expect(summary).to.contain("ONNX model seed-net.onnx (pytorch 1.13.0, IR version 8, opset 17)");
      expect(summary).to.contain('"x" [batch, 2] → x1, x2');
      expect(summary).to.contain("Gemm 3");
      expect(summary).to.contain("Erf 2");
      expect(summary).to.contain("10,703 values in 6 initializers");
    });

    it("loads from a path with the Node helper", async () => {
      const model = await loadOnnxFile(testdataPath("onnx/seed-net.onnx"));
      expectAllclose(model.forward(tensor(seedReference().points.slice(0, 5))), seedReference().value.slice(0, 5), SEED_TOLERANCE);
    });

    it("restricts to rows of the last Gemm, by name or index, in the order given", () => {
      const model = loadOnnx(exported(), "seed-net.onnx").restrict(["y3", 0]);
      expect(model.outputs).to.deep.equal(["y3", "y1"]);
      expect(model.summary()).to.match(/restricted to y3, y1: rows of node ".*" \(Gemm\)/);
      expectSeedDerivatives(model.forward, referenceSubset(3, [2, 0]));
    });
  });

  describe("ONNX graphs written from the seed network's weights", () => {
    const variants: [string, () => Uint8Array][] = [
      ["Gemm(transB=1) and Gelu, float32 raw_data, opset 20", seedOnnxGemm],
      ["MatMul + Add, GELU as Div/Erf/Add/Mul with Constant nodes, float64 double_data, nodes in reverse order", seedOnnxDecomposed],
      ["Reshape, Gemm(alpha=2, beta=0.5, transB=0) in float_data, a last layer split in two and joined by Concat", seedOnnxSplit],
      ["an unbatched graph, input [2] and output [3], MatMul of a vector", seedOnnxUnbatched],
    ];
    for (const [what, write] of variants) {
      it(`${what}: PyTorch's value, Jacobian and Hessian to 1e-9`, () => {
        expectSeedDerivatives(loadOnnx(write(), "seed.onnx").forward, referenceSubset(2));
      });
    }

    it("maps one point [2] to [3] and a batch [N, 2] to [N, 3], whatever the graph's rank", () => {
      const ref = referenceSubset(50);
      for (const write of [seedOnnxGemm, seedOnnxUnbatched, seedOnnxSplit]) {
        const { forward, physical, evaluate } = loadOnnx(write());
        expect(forward(tensor(ref.points[1]!)).shape).to.deep.equal([3]);
        expectAllclose(forward(tensor(ref.points[1]!)), ref.value[1]!, SEED_TOLERANCE);
        expectAllclose(physical(tensor(ref.points)), ref.value, SEED_TOLERANCE);
        expectAllclose(evaluate(tensor(ref.points)), ref.value, SEED_TOLERANCE);
      }
    });

    it("refuses inputs of the wrong width or rank, naming the file", () => {
      const model = loadOnnx(seedOnnxGemm(), "seed.onnx");
      expect(() => model.forward(tensor([1, 2, 3]))).to.throw(InputShapeError, /seed\.onnx: forward .* shape \[3\]; expected \[2\]/);
      expect(() => model.forward(tensor([[[1, 2]]]))).to.throw(InputShapeError);
    });

    it("takes input and output names from the model's metadata", () => {
      const model = loadOnnx(seedOnnxSplit());
      expect(model.inputs).to.deep.equal(["t1", "t2"]);
      expect(model.outputs).to.deep.equal(["f1", "f2", "f3"]);
    });

    it("restricts MatMul + Add and Add(bias, MatMul) endings to their selected columns of weights", () => {
      for (const write of [seedOnnxDecomposed, seedOnnxUnbatched]) {
        const model = loadOnnx(write(), "seed.onnx").restrict([1]);
        expect(model.outputs).to.deep.equal(["y2"]);
        expect(model.summary()).to.match(/rows of node "#\d+" \(MatMul\) and node "#\d+" \(Add\)/);
        expectSeedDerivatives(model.forward, referenceSubset(10, [1]));
      }
    });

    it("takes columns when the graph does not end in one linear layer (Concat, several outputs)", () => {
      const split = loadOnnx(seedOnnxSplit()).restrict(["f3", "f1"]);
      expect(split.outputs).to.deep.equal(["f3", "f1"]);
      expect(split.summary()).to.contain("columns taken from the full output");
      expectSeedDerivatives(split.forward, referenceSubset(10, [2, 0]));

      const two = loadOnnx(seedOnnxTwoOutputs());
      expect(two.outputs).to.deep.equal(["a", "b_1", "b_2"]);
      expectSeedDerivatives(two.forward, referenceSubset(10));
      expectSeedDerivatives(two.restrict(["b_2"]).forward, referenceSubset(10, [2]));
    });

    it("composes restrictions, and refuses unknown outputs naming the file", () => {
      const model = loadOnnx(seedOnnxGemm(), "seed.onnx");
      const twice = model.restrict([2, 1]).restrict(["y2", 0]);
      expect(twice.outputs).to.deep.equal(["y2", "y3"]);
      expectSeedDerivatives(twice.forward, referenceSubset(10, [1, 2]));
      expect(() => model.restrict(["z"])).to.throw(OutputSelectionError, /seed\.onnx/);
      expect(() => model.restrict([3])).to.throw(OutputSelectionError, /seed\.onnx/);
      expect(() => model.restrict([])).to.throw(OutputSelectionError);
    });
  });
});
