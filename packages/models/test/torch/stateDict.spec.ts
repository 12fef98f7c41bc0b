import { expect } from "chai";
import { zipSync } from "fflate";
import {
  PickleFormatError,
  StateDictError,
  UnsupportedPickleGlobalError,
  UnsupportedStorageTypeError,
  ZipFormatError,
  readStateDict,
  readZip,
  tensorToFloat64,
} from "../../src/index.js";
import { readBytes } from "../helpers/folder.js";
import { nnbmaFolder } from "../helpers/paths.js";
import { PickleWriter } from "../helpers/pickleWriter.js";
import { float32Bytes, float64Bytes, stateDictPickle, torchZip } from "../helpers/torchZip.js";

const file = "model/state_dict.pth";

describe("torch/stateDict", () => {
  it("reads seed-net's state dict: keys in order, shapes, float32 values", () => {
    const sd = readStateDict(readBytes(`${nnbmaFolder("seed-net")}/state_dict.pth`), file);
    expect([...sd.keys()]).to.deep.equal([
      "layers.0.weight",
      "layers.0.bias",
      "layers.1.weight",
      "layers.1.bias",
      "output_layer.weight",
      "output_layer.bias",
    ]);
    const w0 = sd.get("layers.0.weight")!;
    expect(w0.dtype).to.equal("float32");
    expect(w0.shape).to.deep.equal([100, 2]);
    expect(w0.data).to.be.instanceOf(Float32Array).with.lengthOf(200);
    expect(sd.get("output_layer.weight")!.shape).to.deep.equal([3, 100]);
  });

  it("reads int64 entries (BatchNorm's num_batches_tracked) as BigInt64Array scalars", () => {
    const sd = readStateDict(readBytes(`${nnbmaFolder("fc-bn-elu-transformed")}/state_dict.pth`), file);
    const tracked = sd.get("layers.0.1.num_batches_tracked")!;
    expect(tracked.dtype).to.equal("int64");
    expect(tracked.shape).to.deep.equal([]);
    expect(tracked.data).to.be.instanceOf(BigInt64Array).with.lengthOf(1);
    expect(sd.get("layers.0.1.running_var")!.shape).to.deep.equal([32]);
  });

  it("rebuilds non-contiguous views, storage offsets and shared storages", () => {
    const storage = float32Bytes([0, 1, 2, 3, 4, 5, 6, 7]);
    const pkl = stateDictPickle([
      // The transpose of [[0,1,2],[3,4,5]]: shape [3, 2], stride [1, 3].
      { key: "t", storage: "0", numel: 8, size: [3, 2], stride: [1, 3] },
      // Elements 2..7 as [2, 3], contiguous, offset 2.
      { key: "o", storage: "0", numel: 8, offset: 2, size: [2, 3], stride: [3, 1] },
      // Every other element: shape [4], stride [2], offset 1.
      { key: "s", storage: "0", numel: 8, offset: 1, size: [4], stride: [2] },
      // A broadcast (stride 0) and an empty tensor.
      { key: "b", storage: "0", numel: 8, offset: 7, size: [2, 2], stride: [0, 0] },
      { key: "e", storage: "0", numel: 8, size: [0, 5], stride: [5, 1] },
    ]);
    const sd = readStateDict(torchZip(pkl, { "0": storage }), file);
    expect([...sd.get("t")!.data]).to.deep.equal([0, 3, 1, 4, 2, 5]);
    expect([...sd.get("o")!.data]).to.deep.equal([2, 3, 4, 5, 6, 7]);
    expect([...sd.get("s")!.data]).to.deep.equal([1, 3, 5, 7]);
    expect([...sd.get("b")!.data]).to.deep.equal([7, 7, 7, 7]);
    expect(sd.get("e")!.shape).to.deep.equal([0, 5]);
    expect(sd.get("e")!.data).to.have.lengthOf(0);
  });

  it("reads float64 and int64 storages, deflated entries and another prefix", () => {
    const pkl = stateDictPickle([
      { key: "d", storage: "a", storageType: "DoubleStorage", numel: 3, size: [3], stride: [1] },
      { key: "l", storage: "b", storageType: "LongStorage", numel: 2, size: [2], stride: [1] },
    ]);
    const longs = new Uint8Array(new BigInt64Array([5n, -(2n ** 40n)]).buffer);
    const sd = readStateDict(torchZip(pkl, { a: float64Bytes([0.1, -2, 1e300]), b: longs }, { prefix: "state_dict", level: 6 }), file);
    expect(sd.get("d")).to.deep.include({ dtype: "float64", shape: [3] });
    expect([...tensorToFloat64(sd.get("d")!)]).to.deep.equal([0.1, -2, 1e300]);
    expect([...sd.get("l")!.data]).to.deep.equal([5n, -(2n ** 40n)]);
  });

  it("honours a big-endian byteorder record", () => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat32(0, 1.25, false);
    new DataView(bytes.buffer).setFloat32(4, -7, false);
    const pkl = stateDictPickle([{ key: "w", storage: "0", numel: 2, size: [2], stride: [1] }]);
    const sd = readStateDict(torchZip(pkl, { "0": bytes }, { extra: { byteorder: new TextEncoder().encode("big") } }), file);
    expect([...sd.get("w")!.data]).to.deep.equal([1.25, -7]);
  });

  describe("bad input", () => {
    const good = readBytes(`${nnbmaFolder("seed-net")}/state_dict.pth`);

    it("refuses a 0-byte file", () => {
      expect(() => readStateDict(new Uint8Array(), file)).to.throw(ZipFormatError, /model\/state_dict\.pth: the file is empty \(0 bytes\)/);
    });

    it("refuses truncated archives, naming the file", () => {
      for (const n of [10, 100, Math.floor(good.length / 2), good.length - 30, good.length - 1]) {
        expect(() => readStateDict(good.subarray(0, n), file), `cut at ${n}`)
          .to.throw(ZipFormatError, /model\/state_dict\.pth: .*(truncated|corrupted)/)
          .with.property("file", file);
      }
    });

    it("refuses a corrupted storage (CRC-32 mismatch) and a corrupted data.pkl", () => {
      const damaged = Uint8Array.from(good);
      damaged[Math.floor(good.length / 2)]! ^= 0x55;
      expect(() => readStateDict(damaged, file)).to.throw(ZipFormatError, /fails its CRC-32 check/);
      const pklAt = Buffer.from(good).indexOf("data.pkl") + "data.pkl".length + 40;
      const damagedPkl = Uint8Array.from(good);
      damagedPkl[pklAt]! ^= 0xff;
      expect(() => readStateDict(damagedPkl, file)).to.throw(ZipFormatError, /corrupted/);
    });

    it("refuses a file that is not a zip, and PyTorch's legacy format", () => {
      expect(() => readStateDict(new TextEncoder().encode("hello world"), file)).to.throw(ZipFormatError, /not a zip archive/);
      expect(() => readStateDict(Uint8Array.of(0x80, 2, 0x8a, 0x0a), file)).to.throw(ZipFormatError, /legacy \(pre-1\.6\)/);
    });

    it("refuses an archive without data.pkl", () => {
      expect(readZip(torchZip(new PickleWriter().proto(2).none().stop().toBytes(), {}, { prefix: "x" }), file).has("x/data.pkl")).to.equal(true);
      const noPickle = zipSync({ "x/version": new TextEncoder().encode("3\n") });
      expect(() => readStateDict(noPickle, file)).to.throw(StateDictError, /exactly one "<prefix>\/data\.pkl" entry/);
    });

    it("refuses a missing storage entry, naming it", () => {
      const pkl = stateDictPickle([{ key: "w", storage: "7", numel: 2, size: [2], stride: [1] }]);
      expect(() => readStateDict(torchZip(pkl, {}), file)).to.throw(
        StateDictError,
        /model\/state_dict\.pth: the archive has no entry "archive\/data\/7"/,
      );
    });

    it("refuses storage types other than float32, float64 and int64", () => {
      const half = stateDictPickle([{ key: "w", storage: "0", storageType: "HalfStorage", numel: 2, size: [2], stride: [1] }]);
      expect(() => readStateDict(torchZip(half, { "0": new Uint8Array(4) }), file)).to.throw(
        UnsupportedStorageTypeError,
        /model\/state_dict\.pth: tensor storage type "torch\.HalfStorage" is not supported/,
      );
      const unknown = stateDictPickle([{ key: "w", storage: "0", storageType: "QuantumStorage", numel: 2, size: [2], stride: [1] }]);
      expect(() => readStateDict(torchZip(unknown, { "0": new Uint8Array(8) }), file)).to.throw(
        UnsupportedPickleGlobalError,
        /torch\.QuantumStorage/,
      );
    });

    it("refuses a view reaching past its storage, and a storage shorter than declared", () => {
      const past = stateDictPickle([{ key: "w", storage: "0", numel: 4, offset: 1, size: [2, 2], stride: [2, 1] }]);
      expect(() => readStateDict(torchZip(past, { "0": float32Bytes([1, 2, 3, 4]) }), file)).to.throw(
        StateDictError,
        /tensor "w" .* reaches element 4 of a 4-element storage/,
      );
      const short = stateDictPickle([{ key: "w", storage: "0", numel: 4, size: [4], stride: [1] }]);
      expect(() => readStateDict(torchZip(short, { "0": float32Bytes([1, 2]) }), file)).to.throw(
        StateDictError,
        /holds 8 bytes but storage 0 needs 4 × 4 = 16/,
      );
    });

    it("refuses a data.pkl that is not a dict of tensors, or is garbage", () => {
      const notDict = torchZip(new PickleWriter().proto(2).int(3).stop().toBytes(), {});
      expect(() => readStateDict(notDict, file)).to.throw(StateDictError, /expected a state dict/);
      const garbage = torchZip(Uint8Array.of(0x80, 2, 0xfe, 0x2e), {});
      expect(() => readStateDict(garbage, file)).to.throw(PickleFormatError, /model\/state_dict\.pth:archive\/data\.pkl: unknown pickle opcode 0xfe/);
      const hostile = torchZip(new PickleWriter().proto(2).global("os", "system").str("id").tuple1().reduce().stop().toBytes(), {});
      expect(() => readStateDict(hostile, file)).to.throw(UnsupportedPickleGlobalError, /os\.system/);
    });
  });
});
