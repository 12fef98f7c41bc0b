import { expect } from "chai";
import {
  ModelLoadError,
  PickleFormatError,
  PickleGlobal,
  UnsupportedActivationError,
  UnsupportedPickleGlobalError,
  allowedPickleGlobals,
  isTuple,
  loadPickle,
  loadPickleAt,
  scanPickleGlobals,
} from "../../src/index.js";
import { readBytes } from "../helpers/folder.js";
import { nnbmaFolder } from "../helpers/paths.js";
import { PickleWriter, callPickle, modulePickle } from "../helpers/pickleWriter.js";

const file = "test.pkl";
const load = (bytes: Uint8Array): unknown => loadPickle(bytes, { file });
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe("pickle/vm", () => {
  describe("plain values", () => {
    it("reads constants, numbers and strings (protocol 2 binary opcodes)", () => {
      const w = new PickleWriter().proto(2).mark();
      w.none().bool(true).bool(false).int(7).int(300).int(-5).int(70000).float(-2.5).str("héllo");
      w.raw(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1); // LONG1: 2**64
      w.raw(0x8a, 1, 0xff); // LONG1: -1
      w.raw(0x8c, 2, 0x6f, 0x6b); // SHORT_BINUNICODE 'ok'
      w.binBytes(Uint8Array.of(1, 2, 3))
        .tuple()
        .stop();
      expect(load(w.toBytes())).to.deep.equal([null, true, false, 7, 300, -5, 70000, -2.5, "héllo", 2n ** 64n, -1, "ok", Uint8Array.of(1, 2, 3)]);
    });

    it("tells tuples (frozen arrays) from lists, and keeps dict order and memo sharing", () => {
      const w = new PickleWriter().proto(2).emptyDict().binPut(0);
      w.mark().str("b").emptyList().binPut(1).int(1).append().str("a").binGet(1).str("t").int(1).int(2).tuple2().setItems();
      const dict = load(w.stop().toBytes()) as Map<string, unknown>;
      expect([...dict.keys()]).to.deep.equal(["b", "a", "t"]);
      expect(dict.get("b")).to.equal(dict.get("a"));
      expect(isTuple(dict.get("b"))).to.equal(false);
      expect(isTuple(dict.get("t"))).to.equal(true);
    });

    it("reads sets and frozensets (protocol 4)", () => {
      const w = new PickleWriter().proto(4).raw(0x8f).mark().int(1).int(2).raw(0x90);
      w.mark().int(3).raw(0x91).tuple2().stop();
      const [set, frozen] = load(w.toBytes()) as [Set<number>, Set<number>];
      expect([...set]).to.deep.equal([1, 2]);
      expect([...frozen]).to.deep.equal([3]);
    });

    it("reads protocol-0 text opcodes", () => {
      // [1, True, 2**70, 0.5, 'a\n', u'\u00e9', {}] written with text opcodes and PUT/GET.
      // [1, True, 2**70, 0.5, 'a\n', u'é€', <memo of 'a\n'>, {}]; UNICODE is raw-unicode-escape (latin-1 bytes).
      const text = "(lp0\nI1\naI01\naL1180591620717411303424L\naF0.5\naS'a\\n'\np1\naV\xe9\\u20ac\nag1\na(dp2\na.";
      const value = load(latin1(text));
      expect(value).to.deep.equal([1, true, 2n ** 70n, 0.5, "a\n", "é€", "a\n", new Map()]);
    });

    it("reports where a pickle ends, for streams of several pickles", () => {
      const one = new PickleWriter().proto(2).int(1).stop().toBytes();
      const stream = Uint8Array.from([...one, ...one]);
      const first = loadPickleAt(stream, { file });
      expect(first).to.deep.equal({ value: 1, end: one.length });
      expect(loadPickleAt(stream, { file, offset: first.end }).value).to.equal(1);
    });
  });

  describe("globals are allowed, never executed", () => {
    const hostile: [string, string][] = [
      ["os", "system"],
      ["builtins", "eval"],
      ["subprocess", "Popen"],
      ["posix", "system"],
      ["builtins", "exec"],
      ["__builtin__", "eval"],
    ];
    for (const [module, name] of hostile) {
      it(`refuses ${module}.${name} (GLOBAL, protocol 2), naming it and the file`, () => {
        const bytes = callPickle(module, name, "echo pwned");
        expect(() => loadPickle(bytes, { file: "evil.pkl" }))
          .to.throw(UnsupportedPickleGlobalError)
          .that.satisfies((e: UnsupportedPickleGlobalError) => e.globalName === `${module}.${name}` && e.file === "evil.pkl")
          .and.has.property("message")
          .that.matches(new RegExp(`evil\\.pkl.*"${module}\\.${name}"`));
      });
    }

    it("refuses a hostile global given by STACK_GLOBAL (protocol 4)", () => {
      const bytes = new PickleWriter().proto(4).stackGlobal("subprocess", "Popen").str("ls").tuple1().reduce().stop().toBytes();
      expect(() => load(bytes)).to.throw(UnsupportedPickleGlobalError, /subprocess\.Popen/);
    });

    it("refuses getattr on anything but an allowed Enum class", () => {
      const bytes = new PickleWriter().proto(2).global("builtins", "getattr").str("os").str("system").tuple2().reduce().stop().toBytes();
      expect(() => load(bytes)).to.throw(PickleFormatError, /getattr is only read on an allowed Enum class/);
    });

    it("does not let an allowed reference be called", () => {
      const bytes = new PickleWriter().proto(2).global("nnbma.operators.base", "log10").int(10).tuple1().reduce().stop().toBytes();
      expect(() => load(bytes)).to.throw(PickleFormatError, /may be referenced but not called/);
    });

    it("lists the allow-list, which holds data classes only", () => {
      const names = allowedPickleGlobals();
      expect(names).to.include.members([
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch.FloatStorage",
        "torch.nn.modules.activation.GELU",
        "numpy.core.multiarray._reconstruct",
        "nnbma.operators.normalization.NormTypes",
      ]);
      expect(names.some((n) => /^(os|subprocess|posix|sys)\.|eval|exec|system|__import__/.test(n))).to.equal(false);
    });

    it("scans a pickle's globals without building or refusing anything", () => {
      expect(scanPickleGlobals(callPickle("os", "system", "rm -rf /"), file)).to.deep.equal(["os.system"]);
    });
  });

  describe("malformed input never hangs", () => {
    it("refuses an empty file", () => {
      expect(() => load(new Uint8Array())).to.throw(PickleFormatError, /test\.pkl: the file is empty \(0 bytes\)/);
    });

    it("refuses unknown opcodes, naming the byte and the file", () => {
      expect(() => load(Uint8Array.of(0x80, 2, 0xff)))
        .to.throw(PickleFormatError, /test\.pkl: unknown pickle opcode 0xff/)
        .with.property("offset", 2);
    });

    it("refuses protocols above 5 and out-of-band buffers", () => {
      expect(() => load(Uint8Array.of(0x80, 6, 0x4e, 0x2e))).to.throw(PickleFormatError, /protocol 6/);
      expect(() => load(Uint8Array.of(0x80, 5, 0x97, 0x2e))).to.throw(PickleFormatError, /NEXT_BUFFER/);
    });

    it("refuses lengths beyond the input without allocating them", () => {
      const huge = Uint8Array.of(0x80, 4, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x2e);
      expect(() => load(huge)).to.throw(PickleFormatError, /truncated/);
    });

    it("refuses a stack underflow and a missing MARK", () => {
      expect(() => load(Uint8Array.of(0x80, 2, 0x52, 0x2e))).to.throw(PickleFormatError, /stack underflow/);
      expect(() => load(Uint8Array.of(0x80, 2, 0x74, 0x2e))).to.throw(PickleFormatError, /no MARK/);
    });

    it("refuses persistent ids when no loader is given", () => {
      expect(() => load(new PickleWriter().proto(2).str("0").binPersId().stop().toBytes())).to.throw(PickleFormatError, /persistent id/);
    });

    it("refuses nesting deeper than the final pass can walk", () => {
      const w = new PickleWriter().proto(2);
      for (let i = 0; i < 5000; i++) w.emptyList();
      for (let i = 0; i < 4999; i++) w.append();
      expect(() => load(w.stop().toBytes())).to.throw(PickleFormatError, /nested more than/);
    });

    it("throws a PickleFormatError for every truncation of a real file", () => {
      const bytes = readBytes(`${nnbmaFolder("fc-bn-elu-transformed")}/inputs_transformer.pkl`);
      for (let n = 0; n < bytes.length; n++) {
        expect(() => load(bytes.subarray(0, n)), `truncated at ${n}`).to.throw(PickleFormatError);
      }
    });

    it("throws only model-file errors for corrupted copies of real files", () => {
      const sources = ["fc-bn-elu-transformed/inputs_transformer.pkl", "dense-gelu-tanh/activation.pkl", "poly-dense/init.pkl"];
      let seed = 12345;
      const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (const source of sources) {
        const original = readBytes(`${nnbmaFolder("")}${source}`);
        for (let trial = 0; trial < 300; trial++) {
          const bytes = Uint8Array.from(original);
          for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
            bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
          }
          try {
            load(bytes);
          } catch (error) {
            expect(error, `${source} trial ${trial}: ${(error as Error).message}`).to.be.instanceOf(ModelLoadError);
          }
        }
      }
    });
  });

  describe("torch activation modules", () => {
    const expected: Record<string, unknown> = {
      "seed-net": { kind: "activation", type: "GELU", approximate: "none" },
      "dense-gelu-tanh": { kind: "activation", type: "GELU", approximate: "tanh" },
      "fc-bn-elu-transformed": { kind: "activation", type: "ELU", alpha: 1 },
      "merging/subnetworks-0": { kind: "activation", type: "Tanh" },
      "merging/subnetworks-1": { kind: "activation", type: "Sigmoid" },
    };
    for (const [folder, activation] of Object.entries(expected)) {
      it(`reads ${folder}/activation.pkl`, () => {
        expect(load(readBytes(`${nnbmaFolder(folder)}/activation.pkl`))).to.deep.equal(activation);
      });
    }

    it("reads each supported activation with its saved parameters", () => {
      const m = "torch.nn.modules.activation";
      const cases: [Uint8Array, unknown][] = [
        [modulePickle(m, "ReLU", { inplace: (w) => w.bool(false) }), { type: "ReLU" }],
        [modulePickle(m, "LeakyReLU", { negative_slope: (w) => w.float(0.2) }), { type: "LeakyReLU", negativeSlope: 0.2 }],
        [modulePickle(m, "ELU", { alpha: (w) => w.float(0.5) }), { type: "ELU", alpha: 0.5 }],
        [modulePickle(m, "GELU"), { type: "GELU", approximate: "none" }],
        [modulePickle(m, "Tanh"), { type: "Tanh" }],
        [modulePickle(m, "Sigmoid"), { type: "Sigmoid" }],
        [modulePickle(m, "SiLU"), { type: "SiLU" }],
        [modulePickle(m, "Softplus", { beta: (w) => w.float(2), threshold: (w) => w.int(10) }), { type: "Softplus", beta: 2, threshold: 10 }],
        [modulePickle(m, "Softsign"), { type: "Softsign" }],
        [modulePickle("torch.nn.modules.linear", "Identity"), { type: "Identity" }],
      ];
      for (const [bytes, record] of cases) expect(load(bytes)).to.deep.equal({ kind: "activation", ...(record as object) });
    });

    it("refuses other activations, naming them and the supported ones", () => {
      expect(() => load(modulePickle("torch.nn.modules.activation", "Mish")))
        .to.throw(UnsupportedActivationError, /"torch\.nn\.modules\.activation\.Mish" is not supported; expected one of .*GELU/)
        .that.is.instanceOf(UnsupportedPickleGlobalError);
    });

    it("refuses an unknown GELU approximation", () => {
      const bytes = modulePickle("torch.nn.modules.activation", "GELU", { approximate: (w) => w.str("erf") });
      expect(() => load(bytes)).to.throw(PickleFormatError, /GELU\.approximate is str "erf"; expected 'none' or 'tanh'/);
    });
  });

  describe("nnbma operators and numpy data", () => {
    it("reads Operator(pow10)", () => {
      const bytes = readBytes(`${nnbmaFolder("fc-bn-elu-transformed")}/outputs_transformer.pkl`);
      expect(load(bytes)).to.deep.equal({ kind: "transformer", type: "Operator", fun: { kind: "operator-function", name: "pow10" } });
    });

    it("maps the former nnbma.preprocessing paths to nnbma.operators", () => {
      const bytes = new PickleWriter()
        .proto(2)
        .global("nnbma.preprocessing.operator", "Operator")
        .emptyTuple()
        .newObj()
        .emptyDict()
        .str("fun")
        .global("nnbma.preprocessing.base", "log10")
        .setItem()
        .build()
        .stop()
        .toBytes();
      expect(load(bytes)).to.deep.equal({ kind: "transformer", type: "Operator", fun: { kind: "operator-function", name: "log10" } });
    });

    it("reads functools.partial(asinh, a=…) as asinh with its parameter", () => {
      // Operator(fun=partial(asinh, a=2.0)): partial is REDUCE'd from (asinh,) then BUILT with
      // its state (func, args, kwargs, namespace).
      const bytes = new PickleWriter()
        .proto(2)
        .global("nnbma.operators.operator", "Operator")
        .emptyTuple()
        .newObj()
        .emptyDict()
        .str("fun")
        .global("functools", "partial")
        .global("nnbma.operators.base", "asinh")
        .tuple1()
        .reduce()
        .mark()
        .global("nnbma.operators.base", "asinh")
        .emptyTuple()
        .emptyDict()
        .str("a")
        .float(2)
        .setItem()
        .none()
        .tuple()
        .build()
        .setItem()
        .build()
        .stop()
        .toBytes();
      expect(load(bytes)).to.deep.equal({ kind: "transformer", type: "Operator", fun: { kind: "operator-function", name: "asinh", a: 2 } });
    });

    it("reads a NormTypes member pickled by value (Python < 3.11)", () => {
      const bytes = new PickleWriter().proto(2).global("nnbma.operators.normalization", "NormTypes").int(4).tuple1().reduce().stop().toBytes();
      expect(load(bytes)).to.deep.equal({ kind: "enum", enumName: "nnbma.operators.normalization.NormTypes", name: "MIN0MAX1", value: 4 });
    });

    it("reads the Normalizer of a real input transformer with its float64 statistics", () => {
      const t = load(readBytes(`${nnbmaFolder("fc-bn-elu-transformed")}/inputs_transformer.pkl`)) as {
        ops: [unknown, { normType: string; stats: Record<string, { dtype: string; shape: number[]; data: Float64Array }> }];
      };
      const normalizer = t.ops[1];
      expect(normalizer.normType).to.equal("MEAN0STD1");
      expect(normalizer.stats["mean"]!.dtype).to.equal("float64");
      expect(normalizer.stats["mean"]!.shape).to.deep.equal([4]);
      // The bytes of the pickle's first mean value, b'\xb8\xec\x11\xd0\x99\xe0\x1b@', little-endian.
      const expected = new DataView(latin1("\xb8\xec\x11\xd0\x99\xe0\x1b@").buffer).getFloat64(0, true);
      expect(normalizer.stats["mean"]!.data[0]).to.equal(expected);
    });

    const dtype = (w: PickleWriter, code: string, order: string): PickleWriter =>
      w
        .global("numpy", "dtype")
        .str(code)
        .bool(false)
        .bool(true)
        .tuple3()
        .reduce()
        .mark()
        .int(3)
        .str(order)
        .none()
        .none()
        .none()
        .int(-1 >>> 0)
        .int(-1 >>> 0)
        .int(0)
        .tuple()
        .build();

    const ndarray = (shape: number[], code: string, order: string, fortran: boolean, data: Uint8Array): Uint8Array => {
      const w = new PickleWriter()
        .proto(2)
        .global("numpy.core.multiarray", "_reconstruct")
        .global("numpy", "ndarray")
        .int(0)
        .tuple1()
        .binBytes(latin1("b"))
        .tuple3()
        .reduce()
        .mark()
        .int(1);
      w.mark();
      for (const d of shape) w.int(d);
      w.tuple();
      dtype(w, code, order).bool(fortran).binBytes(data).tuple().build();
      return w.stop().toBytes();
    };

    it("reads from a Node Buffer at an unaligned offset without sharing or misreading memory", () => {
      const bytes = readBytes(`${nnbmaFolder("fc-bn-elu-transformed")}/inputs_transformer.pkl`);
      const padded = new Uint8Array(bytes.length + 3);
      padded.set(bytes, 3);
      const shifted = Buffer.from(padded.buffer, 3, bytes.length);
      const before = padded.slice();
      const t = load(shifted as unknown as Uint8Array) as { ops: [unknown, { stats: { std: { data: Float64Array } } }] };
      expect(t.ops[1].stats.std.data[0]).to.be.closeTo(1.2, 0.2);
      expect(padded).to.deep.equal(before);
    });

    it("reads numpy arrays: Fortran order, big-endian, float32", () => {
      const f8 = new Uint8Array(new Float64Array([1, 2, 3, 4, 5, 6]).buffer); // column-major [[1,3,5],[2,4,6]]
      const fortran = load(ndarray([2, 3], "f8", "<", true, f8)) as { shape: number[]; data: Float64Array };
      expect(fortran.shape).to.deep.equal([2, 3]);
      expect([...fortran.data]).to.deep.equal([1, 3, 5, 2, 4, 6]);

      const be = new Uint8Array(8);
      new DataView(be.buffer).setFloat32(0, 1.5, false);
      new DataView(be.buffer).setFloat32(4, -3, false);
      const big = load(ndarray([2], "f4", ">", false, be)) as { dtype: string; data: Float32Array };
      expect(big.dtype).to.equal("float32");
      expect([...big.data]).to.deep.equal([1.5, -3]);
    });

    it("refuses numpy data whose length disagrees with its shape", () => {
      expect(() => load(ndarray([3], "f8", "<", false, new Uint8Array(16)))).to.throw(PickleFormatError, /needs 24 bytes of data, found 16/);
    });

    it("reads protocol-2 bytes written as _codecs.encode(str, 'latin1') and numpy scalars", () => {
      const w = new PickleWriter().proto(2).global("numpy.core.multiarray", "scalar");
      dtype(w, "f8", "<");
      w.global("_codecs", "encode").str("\u0000\u0000\u0000\u0000\u0000\u0000\u0004@").str("latin1").tuple2().reduce();
      w.tuple2().reduce().stop();
      expect(load(w.toBytes())).to.deep.equal({ kind: "numpy.scalar", dtype: "float64", value: 2.5 });
    });

    it("keeps references to allowed globals as PickleGlobal records", () => {
      const init = load(readBytes(`${nnbmaFolder("seed-net")}/init.pkl`)) as [PickleGlobal, string[]];
      expect(init[0]).to.be.instanceOf(PickleGlobal);
      expect(init[0].name).to.equal("nnbma.networks.fully_connected.FullyConnected");
      expect(init[1]).to.include("layers_sizes");
    });
  });
});
