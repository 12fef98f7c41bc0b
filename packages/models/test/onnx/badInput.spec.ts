import { expect } from "chai";
import { readFileSync } from "node:fs";
import { testdataPath } from "@nabla/testing";
import { MissingFileError, ModelLoadError, OnnxFormatError, OnnxGraphError, UnsupportedOnnxOpError } from "../../src/errors.js";
import { loadOnnx } from "../../src/onnx/loadOnnx.js";
import { loadOnnxFile } from "../../src/onnx/node.js";
import { writeOnnxModel, type ModelSpec, type NodeSpec } from "../helpers/onnxWriter.js";
import { ProtoWriter } from "../helpers/protobufWriter.js";

const exported = (): Uint8Array => new Uint8Array(readFileSync(testdataPath("onnx/seed-net.onnx")));

const weight = { name: "W", type: "float" as const, dims: [2, 2], values: [1, 0, 0, 1] };

/** A model x [N, 2] → nodes → y [N, 2], with the 2×2 initializer W. */
const model = (nodes: NodeSpec[], extra: Partial<ModelSpec> = {}): Uint8Array =>
  writeOnnxModel({ nodes, initializers: [weight], inputs: [{ name: "x", dims: ["N", 2] }], outputs: [{ name: "y", dims: ["N", 2] }], ...extra });

describe("onnx: bad input", () => {
  it("refuses an empty file and bytes that are not a protobuf, naming the file", () => {
    expect(() => loadOnnx(new Uint8Array(0), "empty.onnx")).to.throw(OnnxFormatError, /^empty\.onnx: the file is empty/);
    const garbage = new TextEncoder().encode("this is not an ONNX model at all, just some text\n");
    expect(() => loadOnnx(garbage, "text.onnx")).to.throw(OnnxFormatError, /^text\.onnx: /);
  });

  it("refuses a truncated protobuf, naming the file", () => {
    const bytes = exported();
    expect(() => loadOnnx(bytes.subarray(0, bytes.length >> 1), "half.onnx")).to.throw(
      OnnxFormatError,
      /^half\.onnx: not a readable ONNX model .* truncated or corrupted/,
    );
    // Every cut gives a model-file error naming the file, never another kind of error.
    for (let cut = 1; cut < bytes.length; cut += 997) {
      try {
        loadOnnx(bytes.subarray(0, cut), "cut.onnx");
        expect.fail(`a cut at ${cut} bytes loaded`);
      } catch (error) {
        expect(error, `cut at ${cut}`).to.be.instanceOf(ModelLoadError);
        expect((error as ModelLoadError).file).to.equal("cut.onnx");
        expect((error as Error).message).to.match(/^cut\.onnx: /);
      }
    }
  });

  it("refuses an unsupported operator, naming it, the node and the file", () => {
    const bytes = model([{ op: "Softmax", name: "probabilities", inputs: ["x"], outputs: ["y"] }]);
    expect(() => loadOnnx(bytes, "softmax.onnx"))
      .to.throw(
        UnsupportedOnnxOpError,
        /^softmax\.onnx: node "probabilities" uses the operator Softmax, which is not supported; expected one of Add, .*Gemm/,
      )
      .with.property("opType", "Softmax");
    const contrib = model([{ op: "Gelu", domain: "com.microsoft", inputs: ["x"], outputs: ["y"] }]);
    expect(() => loadOnnx(contrib, "contrib.onnx")).to.throw(UnsupportedOnnxOpError, /node "#0" uses the operator com\.microsoft\.Gelu/);
  });

  it("refuses a graph with more than one input, or none", () => {
    const two = model([{ op: "Add", inputs: ["x", "z"], outputs: ["y"] }], {
      inputs: [
        { name: "x", dims: ["N", 2] },
        { name: "z", dims: ["N", 2] },
      ],
    });
    expect(() => loadOnnx(two, "two.onnx")).to.throw(
      OnnxGraphError,
      /^two\.onnx: the graph has 2 inputs \("x", "z"\); expected exactly one input tensor/,
    );
    const none = model([{ op: "Identity", inputs: ["W"], outputs: ["y"] }], { inputs: [{ name: "W", dims: [2, 2] }] });
    expect(() => loadOnnx(none, "none.onnx")).to.throw(OnnxGraphError, /no input/);
  });

  it("refuses an input whose width is not fixed, or of rank 3", () => {
    const open = model([{ op: "Identity", inputs: ["x"], outputs: ["y"] }], { inputs: [{ name: "x", dims: ["N", "features"] }] });
    expect(() => loadOnnx(open, "open.onnx")).to.throw(OnnxGraphError, /graph input "x" has shape \[N, features\]; expected \[batch, n\] or \[n\]/);
    const image = model([{ op: "Identity", inputs: ["x"], outputs: ["y"] }], { inputs: [{ name: "x", dims: ["N", 3, 2] }] });
    expect(() => loadOnnx(image, "image.onnx")).to.throw(OnnxGraphError, /\[N, 3, 2\]/);
  });

  it("refuses values nothing produces, values written twice, cycles and outputs never made", () => {
    const missing = model([{ op: "Add", name: "sum", inputs: ["x", "ghost"], outputs: ["y"] }]);
    expect(() => loadOnnx(missing, "m.onnx")).to.throw(OnnxGraphError, /node "sum" \(Add\) reads "ghost", which is neither/);
    const cycle = model([
      { op: "Add", name: "a", inputs: ["x", "b_out"], outputs: ["a_out"] },
      { op: "Relu", name: "b", inputs: ["a_out"], outputs: ["b_out"] },
      { op: "Identity", name: "c", inputs: ["a_out"], outputs: ["y"] },
    ]);
    expect(() => loadOnnx(cycle, "c.onnx")).to.throw(OnnxGraphError, /cycle through node "a" \(Add\), node "b" \(Relu\), node "c" \(Identity\)/);
    const twice = model([
      { op: "Relu", name: "first", inputs: ["x"], outputs: ["y"] },
      { op: "Tanh", name: "second", inputs: ["x"], outputs: ["y"] },
    ]);
    expect(() => loadOnnx(twice, "t.onnx")).to.throw(OnnxGraphError, /node "second" \(Tanh\) writes "y", which another node also writes/);
    const nowhere = model([{ op: "Relu", inputs: ["x"], outputs: ["z"] }]);
    expect(() => loadOnnx(nowhere, "o.onnx")).to.throw(OnnxGraphError, /the graph output "y" is not produced by any node/);
  });

  it("refuses a Reshape whose shape is computed from the input", () => {
    const bytes = model([{ op: "Reshape", name: "r", inputs: ["x", "x"], outputs: ["y"] }]);
    expect(() => loadOnnx(bytes, "r.onnx")).to.throw(OnnxGraphError, /node "r" \(Reshape\): its shape input is computed in the graph/);
  });

  it("checks shapes and attributes when loading, naming the node", () => {
    const wide = writeOnnxModel({
      nodes: [{ op: "Gemm", name: "fc", inputs: ["x", "W"], outputs: ["y"], attributes: { transB: { i: 1 } } }],
      initializers: [weight],
      inputs: [{ name: "x", dims: ["N", 3] }],
      outputs: [{ name: "y", dims: ["N", 2] }],
    });
    expect(() => loadOnnx(wide, "wide.onnx")).to.throw(OnnxGraphError, /^wide\.onnx: node "fc" \(Gemm\): cannot multiply A′ \[1, 3\] by B′ \[2, 2\]/);
    const gelu = model([{ op: "Gelu", name: "g", inputs: ["x"], outputs: ["y"], attributes: { approximate: { s: "fast" } } }]);
    expect(() => loadOnnx(gelu, "g.onnx")).to.throw(
      OnnxGraphError,
      /node "g" \(Gelu\): attribute "approximate" is "fast"; expected "none" or "tanh"/,
    );
    const typed = model([{ op: "LeakyRelu", name: "l", inputs: ["x"], outputs: ["y"], attributes: { alpha: { i: 1 } } }]);
    expect(() => loadOnnx(typed, "l.onnx")).to.throw(OnnxGraphError, /node "l" \(LeakyRelu\): attribute "alpha" is INT; expected FLOAT/);
    const concat = model([{ op: "Concat", name: "c", inputs: ["x", "x"], outputs: ["y"] }]);
    expect(() => loadOnnx(concat, "c.onnx")).to.throw(OnnxGraphError, /node "c" \(Concat\): the required attribute "axis" \(INT\) is missing/);
  });

  it("refuses tensors it cannot read: float16, external data, raw_data of the wrong length", () => {
    const proto = (build: (w: ProtoWriter) => ProtoWriter): Uint8Array => {
      const graph = new ProtoWriter()
        .message(1, new ProtoWriter().string(1, "x").string(1, "W").string(2, "y").string(4, "Add"))
        .message(5, build(new ProtoWriter().packedVarints(1, [2]).string(8, "W")))
        .message(
          11,
          new ProtoWriter()
            .string(1, "x")
            .message(
              2,
              new ProtoWriter().message(1, new ProtoWriter().varint(1, 1).message(2, new ProtoWriter().message(1, new ProtoWriter().varint(1, 2)))),
            ),
        )
        .message(12, new ProtoWriter().string(1, "y"));
      return new ProtoWriter().varint(1, 8).message(7, graph).finish();
    };
    expect(() =>
      loadOnnx(
        proto((w) => w.varint(2, 10).bytes(9, new Uint8Array(4))),
        "half.onnx",
      ),
    ).to.throw(OnnxFormatError, /^half\.onnx: initializer "W" holds FLOAT16 values, which are not read; expected FLOAT, DOUBLE, INT64 or INT32/);
    expect(() =>
      loadOnnx(
        proto((w) => w.varint(2, 1).varint(14, 1)),
        "ext.onnx",
      ),
    ).to.throw(OnnxFormatError, /initializer "W" keeps its values in an external file/);
    expect(() =>
      loadOnnx(
        proto((w) => w.varint(2, 1).bytes(9, new Uint8Array(7))),
        "short.onnx",
      ),
    ).to.throw(OnnxFormatError, /initializer "W" has 7 bytes of raw_data but dims \[2\] of FLOAT need 8/);
    expect(() =>
      loadOnnx(
        proto((w) => w.varint(2, 1).packedFloats(4, [1])),
        "few.onnx",
      ),
    ).to.throw(OnnxFormatError, /initializer "W" has 1 values in float_data and no raw_data, but dims \[2\] need 2/);
  });

  it("refuses metadata names of the wrong count", () => {
    const bytes = model([{ op: "Identity", inputs: ["x"], outputs: ["y"] }], { metadata: { outputs_names: '["only one"]' } });
    expect(() => loadOnnx(bytes, "names.onnx")).to.throw(OnnxFormatError, /metadata "outputs_names" is .*; expected a JSON list of 2 strings/);
  });

  it("reports a missing file by its path", async () => {
    try {
      await loadOnnxFile("/nonexistent/model.onnx");
      expect.fail("loaded");
    } catch (error) {
      expect(error).to.be.instanceOf(MissingFileError);
      expect((error as Error).message).to.match(/^\/nonexistent\/model\.onnx: no such file/);
    }
  });
});
