import { expect } from "chai";
import {
  ArchitectureSpecError,
  MissingFileError,
  SafetensorsFormatError,
  UnsupportedSafetensorsDtypeError,
  WeightShapeError,
} from "../../src/errors.js";
import { loadSafetensors } from "../../src/safetensors/loadSafetensors.js";
import { loadSafetensorsFile } from "../../src/safetensors/node.js";
import { writeSafetensors } from "../helpers/safetensorsWriter.js";
import { seedSafetensors } from "../helpers/seedNet.js";

const small = (): Uint8Array =>
  writeSafetensors([
    { name: "fc1.weight", dtype: "F32", shape: [4, 2], values: [1, 2, 3, 4, 5, 6, 7, 8] },
    { name: "fc1.bias", dtype: "F32", shape: [4], values: [1, 2, 3, 4] },
    { name: "fc2.weight", dtype: "F32", shape: [3, 5], values: new Array(15).fill(1) },
    { name: "fc3.weight", dtype: "F32", shape: [3, 4], values: new Array(12).fill(1) },
    { name: "half", dtype: "F16", shape: [2], bytes: new Uint8Array(4) },
    { name: "odd", dtype: "Q4", shape: [2], bytes: new Uint8Array(1) },
  ]);

const withHeader = (header: string, data = new Uint8Array(0)): Uint8Array => {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
};

const spec = { layers: [{ weight: "fc1.weight", bias: "fc1.bias", activation: "relu" }, { weight: "fc3.weight" }] };

describe("safetensors: bad input", () => {
  it("refuses a header length beyond the file, naming the file", () => {
    const { bytes, spec: seedSpec } = seedSafetensors();
    const cut = bytes.subarray(0, 100);
    expect(() => loadSafetensors(cut, seedSpec, "cut.safetensors")).to.throw(
      SafetensorsFormatError,
      /^cut\.safetensors: the header length is \d+ bytes but only 92 follow the 8-byte length; the file is truncated or not a safetensors file/,
    );
    expect(() => loadSafetensors(new Uint8Array(5), seedSpec, "tiny.safetensors")).to.throw(
      SafetensorsFormatError,
      /^tiny\.safetensors: the file has 5 bytes/,
    );
  });

  it("refuses a header that is not a JSON object of well-formed entries", () => {
    expect(() => loadSafetensors(withHeader("{not json"), spec, "a.safetensors")).to.throw(
      SafetensorsFormatError,
      /^a\.safetensors: the header is not valid UTF-8 JSON/,
    );
    expect(() => loadSafetensors(withHeader("[1, 2]"), spec, "b.safetensors")).to.throw(SafetensorsFormatError, /the header is not a JSON object/);
    expect(() => loadSafetensors(withHeader('{"w": {"dtype": "F32", "shape": [2]}}'), spec, "c.safetensors")).to.throw(
      SafetensorsFormatError,
      /tensor "w" has the header entry .*; expected \{"dtype"/,
    );
    expect(() =>
      loadSafetensors(withHeader('{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}', new Uint8Array(4)), spec, "d.safetensors"),
    ).to.throw(SafetensorsFormatError, /tensor "w" has data_offsets \[0, 8\] but the data section holds 4 bytes; the file is truncated or corrupted/);
    expect(() =>
      loadSafetensors(withHeader('{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}', new Uint8Array(8)), spec, "e.safetensors"),
    ).to.throw(SafetensorsFormatError, /tensor "w" \(F32, shape \[3\]\) needs 12 bytes but data_offsets \[0, 8\] give 8/);
  });

  it("refuses dtypes other than F32 and F64, naming the tensor and the dtype", () => {
    const f16 = { layers: [{ weight: "half" }] };
    expect(() => loadSafetensors(small(), f16, "m.safetensors"))
      .to.throw(UnsupportedSafetensorsDtypeError, /^m\.safetensors: tensor "half" has dtype F16, which is not supported; expected F32 or F64\./)
      .with.property("dtype", "F16");
    expect(() => loadSafetensors(small(), { layers: [{ weight: "odd" }] }, "m.safetensors")).to.throw(
      UnsupportedSafetensorsDtypeError,
      /tensor "odd" has dtype Q4/,
    );
  });

  it("refuses a spec naming a tensor the file lacks, naming it and the file", () => {
    const missing = { layers: [{ weight: "fc1.weight", bias: "fc1.bais" }] };
    expect(() => loadSafetensors(small(), missing, "m.safetensors")).to.throw(
      ArchitectureSpecError,
      /^m\.safetensors: the spec's layers\[0\]\.bias names the tensor "fc1\.bais", which the file does not hold; it holds fc1\.weight, fc1\.bias, /,
    );
  });

  it("refuses layers whose shapes do not chain, naming both tensors and shapes", () => {
    const chain = { layers: [{ weight: "fc1.weight", bias: "fc1.bias" }, { weight: "fc2.weight" }] };
    expect(() => loadSafetensors(small(), chain, "m.safetensors"))
      .to.throw(
        WeightShapeError,
        /^m\.safetensors: weight "fc2\.weight" has shape \[3, 5\] but the previous layer's weight "fc1\.weight" of shape \[4, 2\] \(4 outputs\) gives \[3, 4\]\./,
      )
      .with.property("key", "fc2.weight");
    const bias = { layers: [{ weight: "fc3.weight", bias: "fc1.bias" }] };
    expect(() => loadSafetensors(small(), bias, "m.safetensors")).to.throw(
      WeightShapeError,
      /weight "fc1\.bias" has shape \[4\] but its layer's weight "fc3\.weight" of shape \[3, 4\] gives \[3\]/,
    );
    const vector = { layers: [{ weight: "fc1.bias" }] };
    expect(() => loadSafetensors(small(), vector, "m.safetensors")).to.throw(
      ArchitectureSpecError,
      /weight "fc1\.bias" \(layers\[0\]\) has shape \[4\]; expected \[out, in\]/,
    );
  });

  it("refuses a malformed spec, saying what is expected", () => {
    const bad =
      (given: unknown): (() => unknown) =>
      () =>
        loadSafetensors(small(), given as object, "m.safetensors");
    expect(bad("{oops")).to.throw(ArchitectureSpecError, /^m\.safetensors \(architecture spec\): the spec is not valid JSON/);
    expect(bad({ layers: [] })).to.throw(ArchitectureSpecError, /"layers" is \[\]; expected a non-empty list/);
    expect(bad({ layer: [] })).to.throw(ArchitectureSpecError, /the spec has the unknown key "layer"; expected "layers", "inputs", "outputs"/);
    expect(bad({ layers: [{ weight: "fc1.weight", activation: "swish" }] })).to.throw(
      ArchitectureSpecError,
      /layers\[0\]\.activation: "swish" is not a known activation; expected one of identity, relu, leaky_relu/,
    );
    expect(bad({ layers: [{ weight: "fc1.weight", activation: "toString" }] })).to.throw(
      ArchitectureSpecError,
      /"toString" is not a known activation/,
    );
    expect(bad({ layers: [{ weight: "fc1.weight", activation: { type: "elu", slope: 1 } }] })).to.throw(
      ArchitectureSpecError,
      /layers\[0\]\.activation: elu has no parameter "slope"; expected "alpha"/,
    );
    expect(bad({ layers: [{ weight: "fc1.weight", activation: { type: "gelu", approximate: "fast" } }] })).to.throw(
      ArchitectureSpecError,
      /approximate is "fast"; expected "none" or "tanh"/,
    );
    expect(bad({ layers: [{ weight: 3 }] })).to.throw(ArchitectureSpecError, /layers\[0\]\.weight is 3; expected a tensor name/);
    expect(bad({ ...spec, inputs: ["a"] })).to.throw(ArchitectureSpecError, /"inputs" lists 1 names but the first layer takes 2/);
    expect(bad({ ...spec, outputs: ["a", "a", "b"] })).to.throw(ArchitectureSpecError, /"outputs" repeats a name/);
  });

  it("reports missing files by their paths", async () => {
    for (const [model, specPath, pattern] of [
      ["/nonexistent/m.safetensors", spec, /^\/nonexistent\/m\.safetensors: no such file/],
      [new URL("../helpers/safetensorsWriter.ts", import.meta.url).pathname, "/nonexistent/spec.json", /^\/nonexistent\/spec\.json: no such file/],
    ] as const) {
      try {
        await loadSafetensorsFile(model, specPath);
        expect.fail("loaded");
      } catch (error) {
        expect(error).to.be.instanceOf(MissingFileError);
        expect((error as Error).message).to.match(pattern);
      }
    }
  });
});
