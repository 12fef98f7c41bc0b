import { expect } from "chai";
import { expectAllclose, seededUniform, sharedCopy } from "@nabla/testing";
import type { HostArray } from "../../../src/backend.js";
import { cpu, matmul, mul, Prim, reshape, tensor, type Tensor } from "../../../src/index.js";
import { gemm, gemmJs, gemmSmall } from "../../../src/backends/cpu/matmul.js";
import { WasmGemm, type RowScale } from "../../../src/backends/cpu/wasm/gemm.js";
import { relaxedSimdSupported, simdSupported } from "../../../src/backends/cpu/wasm/simd.js";

type Gemm = (a: HostArray, ao: number, b: HostArray, bo: number, c: HostArray, co: number, m: number, k: number, n: number) => void;

/** C[m×n] = A[m×k] · B[k×n] by the textbook triple loop, in float64. */
function naive(a: HostArray, ao: number, b: HostArray, bo: number, c: HostArray, co: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ao + i * k + p]! * b[bo + p * n + j]!;
      c[co + i * n + j] = s;
    }
  }
}

const tolerance = { rtol: 1e-13, atol: 1e-14 };

/** Runs `kernel` and the naive loop on the same random operands, C holding other numbers first (overwritten in place, and not around it), at the given offsets; compares all of C's array. */
function check(kernel: Gemm, m: number, k: number, n: number, [ao, bo, co] = [0, 0, 0], seed = 1): void {
  const a = seededUniform(seed, ao + m * k + 3),
    b = seededUniform(seed + 1, bo + k * n + 3),
    c0 = seededUniform(seed + 2, co + m * n + 3);
  const actual = c0.slice(),
    expected = c0.slice();
  kernel(a, ao, b, bo, actual, co, m, k, n);
  naive(a, ao, b, bo, expected, co, m, k, n);
  expectAllclose(actual, expected, tolerance, `${m}×${k}×${n} at offsets ${ao}, ${bo}, ${co}`);
}

const edgeShapes = [
  [1, 1, 1],
  [5, 3, 7],
  [103, 100, 101],
  [4, 4, 4],
  [8, 8, 8],
  [13, 2, 100],
  [30, 100, 3],
  [30, 100, 2],
  [7, 1, 9],
  [64, 64, 64],
  [1, 100, 100],
  [101, 3, 5],
] as const;

function describeKernel(name: string, kernel: () => Gemm): void {
  describe(name, () => {
    it("matches the triple loop for every m, k, n in 1…9", () => {
      for (let m = 1; m <= 9; m++)
        for (let k = 1; k <= 9; k++) for (let n = 1; n <= 9; n++) check(kernel(), m, k, n, [0, 0, 0], m * 100 + k * 10 + n);
    });

    for (const [m, k, n] of edgeShapes) {
      it(`matches the triple loop for ${m}×${k} · ${k}×${n}`, () => check(kernel(), m, k, n));
    }

    it("reads and writes at offsets into larger arrays, touching nothing else", () => {
      check(kernel(), 6, 5, 7, [3, 11, 5]);
      check(kernel(), 41, 17, 10, [17, 1, 9]);
    });

    it("overwrites C: the same product twice gives the same bits", () => {
      const [m, k, n] = [9, 6, 11];
      const a = seededUniform(5, m * k),
        b = seededUniform(6, k * n),
        once = new Float64Array(m * n),
        twice = new Float64Array(m * n);
      kernel()(a, 0, b, 0, once, 0, m, k, n);
      kernel()(a, 0, b, 0, twice, 0, m, k, n);
      kernel()(a, 0, b, 0, twice, 0, m, k, n);
      expect(twice).to.deep.equal(once);
    });

    it("writes zeros when k is zero, and nothing when m or n is", () => {
      const c = seededUniform(7, 13),
        before = c.slice();
      for (const [m, k, n] of [
        [0, 3, 4],
        [3, 4, 0],
      ] as const)
        kernel()(seededUniform(8, 12), 0, seededUniform(9, 16), 0, c, 0, m, k, n);
      expect(c).to.deep.equal(before);
      kernel()(seededUniform(8, 12), 0, seededUniform(9, 16), 0, c, 0, 3, 0, 4);
      expect(c).to.deep.equal(Float64Array.from([...new Array<number>(12).fill(0), before[12]!]));
    });
  });
}

describe("gemm (CPU backend, float64)", () => {
  describeKernel("JavaScript kernel", () => gemmJs);
  describeKernel("JavaScript loop for batches of small products", () => gemmSmall);
  describeKernel("gemm, the dispatcher", () => gemm);

  it("falls back to the JavaScript kernel when k is too large for the module's memory", () => {
    check(gemm, 2, 600_000, 1);
  });
});

describe("WasmGemm (WebAssembly SIMD kernel)", () => {
  it("is available in Node, with relaxed SIMD's fused multiply-add", () => {
    expect(simdSupported()).to.equal(true);
    expect(relaxedSimdSupported()).to.equal(true);
  });

  const wasm = new WasmGemm({ fusedMultiplyAdd: false });
  describeKernel("default blocks", () => wasm.gemm.bind(wasm));
  const fused = new WasmGemm();
  describeKernel("default blocks, fused multiply-adds (the default)", () => fused.gemm.bind(fused));

  it("fuses its multiply-adds by default: a·b − 1 keeps the 2⁻⁶⁰ that a rounded product loses", () => {
    // [−1, a] · [1, b]ᵀ with a·b = 1 − 2⁻⁶⁰ exactly, which rounds to 1.
    const a = 1 + 2 ** -30,
      b = 1 - 2 ** -30;
    const product = (kernel: WasmGemm | typeof gemmJs) => {
      const c = new Float64Array(1);
      const args = [Float64Array.of(-1, a), 0, Float64Array.of(1, b), 0, c, 0, 1, 2, 1] as const;
      if (kernel instanceof WasmGemm) kernel.gemm(...args);
      else kernel(...args);
      return c[0];
    };
    expect(fused.fusedMultiplyAdd).to.equal(true);
    expect(product(fused)).to.equal(-(2 ** -60));
    expect(product(wasm)).to.equal(0);
    expect(product(gemmJs)).to.equal(0);
  });

  // 64 KiB of memory and 512-byte blocks: several blocks of rows, and of columns once k·n grows.
  const small = new WasmGemm({ maxBytes: 65536, blockBytes: 512 });
  describeKernel("blocked in 64 KiB of memory", () => small.gemm.bind(small));

  for (const shape of [
    { rows: 1, vectors: 1 },
    { rows: 3, vectors: 3 },
    { rows: 6, vectors: 1 },
  ]) {
    const other = new WasmGemm({ shape });
    it(`matches the triple loop with micro-kernel blocks of ${shape.rows}×${2 * shape.vectors}`, () => {
      for (const [m, k, n] of [...edgeShapes, [9, 9, 9], [2, 5, 1]] as const) check(other.gemm.bind(other), m, k, n, [1, 2, 3]);
    });
  }

  it("gives exactly the JavaScript kernel's values without fused multiply-adds", () => {
    for (const [m, k, n] of [
      [103, 100, 101],
      [37, 3, 50],
      [50, 100, 3],
      [9, 9, 9],
    ] as const) {
      const a = seededUniform(m, m * k),
        b = seededUniform(k, k * n),
        c = seededUniform(n, m * n);
      const fromWasm = c.slice(),
        fromJs = c.slice();
      wasm.gemm(a, 0, b, 0, fromWasm, 0, m, k, n);
      gemmJs(a, 0, b, 0, fromJs, 0, m, k, n);
      expect(fromWasm).to.deep.equal(fromJs);
    }
  });

  it("reads and writes float32 arrays as the JavaScript kernel does", () => {
    const [m, k, n] = [21, 10, 7];
    const a = Float32Array.from(seededUniform(1, m * k)),
      b = Float32Array.from(seededUniform(2, k * n)),
      c = Float32Array.from(seededUniform(3, m * n));
    const fromWasm = c.slice(),
      fromJs = c.slice();
    wasm.gemm(a, 0, b, 0, fromWasm, 0, m, k, n);
    gemmJs(a, 0, b, 0, fromJs, 0, m, k, n);
    expect(fromWasm).to.deep.equal(fromJs);
  });

  it("keeps its memory within maxBytes, blocking over rows and columns", () => {
    const bounded = new WasmGemm({ maxBytes: 65536 });
    for (const [m, k, n] of [
      [500, 300, 50],
      [2000, 2, 100],
      [40, 500, 3],
    ] as const) {
      check(bounded.gemm.bind(bounded), m, k, n);
      expect(bounded.memoryBytes).to.be.at.most(65536);
    }
  });

  it("refuses an inner dimension that does not fit, and bad options", () => {
    const bounded = new WasmGemm({ maxBytes: 65536 });
    expect(bounded.accepts(512)).to.equal(true);
    expect(bounded.accepts(513)).to.equal(false);
    const a = new Float64Array(600),
      b = new Float64Array(600),
      c = new Float64Array(1);
    expect(() => bounded.gemm(a, 0, b, 0, c, 0, 1, 600, 1)).to.throw(
      RangeError,
      "WasmGemm: inner dimension 600 needs more than maxBytes = 65536 bytes",
    );
    expect(() => new WasmGemm({ maxBytes: 1000 })).to.throw(RangeError, "maxBytes must be a multiple of 65536");
    expect(() => new WasmGemm({ blockBytes: 0 })).to.throw(RangeError, "blockBytes must be positive");
    expect(() => new WasmGemm({ shape: { rows: 0, vectors: 2 } })).to.throw(RangeError, "shape must have integer rows and vectors >= 1");
    expect(() => new WasmGemm({ maxBytes: 65536, shape: { rows: 600, vectors: 2 } })).to.throw(
      RangeError,
      "a 600×4 block of C needs more than a quarter of maxBytes = 65536",
    );
  });
});

describe("a bias added to every row of the product (a jitted layer's)", () => {
  /** `kernel` with a bias, against its product without one followed by the addition: the same bits. */
  function checkBias(kernel: (...args: [...Parameters<Gemm>, HostArray?]) => void, m: number, k: number, n: number, what: string): void {
    const a = seededUniform(m, m * k),
      b = seededUniform(k + 1, k * n),
      bias = seededUniform(n + 2, n);
    const withBias = seededUniform(3, m * n),
      thenAdded = new Float64Array(m * n);
    kernel(a, 0, b, 0, withBias, 0, m, k, n, bias);
    kernel(a, 0, b, 0, thenAdded, 0, m, k, n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) thenAdded[i * n + j] += bias[j]!;
    expect(withBias, `${what}: ${m}×${k}×${n}`).to.deep.equal(thenAdded);
  }
  const shapes = [...edgeShapes, [5, 0, 7], [2000, 100, 101], [3000, 100, 3], [64, 30, 17]] as const;
  const wasm = new WasmGemm();
  // 64 KiB of memory: the columns in several blocks, each with its part of the bias.
  const small = new WasmGemm({ maxBytes: 65536, blockBytes: 512 });

  it("in the WebAssembly kernel, after each block's product (threads, odd widths, blocks of columns, k = 0)", () => {
    for (const [m, k, n] of shapes) {
      checkBias(wasm.gemm.bind(wasm), m, k, n, "default blocks");
      checkBias(small.gemm.bind(small), m, k, n, "blocked in 64 KiB");
    }
  });

  it("in the dispatcher, whichever kernel it picks", () => {
    for (const [m, k, n] of shapes) checkBias(gemm, m, k, n, "gemm");
  });
});

describe("A's rows scaled before the product (a jitted layer's tangents)", () => {
  type Scaled = (...args: [...Parameters<Gemm>, HostArray?, RowScale?]) => void;
  /** `kernel` with rows scaled (and a bias where asked), against the scaled rows computed first and the plain product: the same bits. */
  function checkScale(kernel: Scaled, [m, k, n]: readonly number[], period: number, what: string, withBias = false, shared = false): void {
    const rows = m! * period;
    const copy = (x: Float64Array) => (shared ? sharedCopy(x) : x);
    const a = copy(seededUniform(rows, rows * k!)),
      b = seededUniform(k! + 1, k! * n!),
      // At an offset into a larger array: the scales a program passes are whole buffers, but nothing needs that.
      scales = copy(seededUniform(n! + 2, 3 + m! * k!)),
      bias = withBias ? seededUniform(n! + 3, n!) : undefined;
    const actual = copy(seededUniform(3, rows * n!)),
      expected = new Float64Array(rows * n!);
    kernel(a, 0, b, 0, actual, 0, rows, k!, n!, bias, { buffer: scales, offset: 3, period });
    const scaled = a.map((v, i) => v * scales[3 + Math.floor(i / k! / period) * k! + (i % k!)]!);
    kernel(scaled, 0, b, 0, expected, 0, rows, k!, n!, bias);
    expect(Array.from(actual), `${what}: ${rows}×${k}×${n}, period ${period}`).to.deep.equal(Array.from(expected));
  }
  const shapes = [
    [1, 1, 1],
    [5, 3, 7],
    [7, 9, 4],
    [103, 100, 101],
    [1500, 100, 3],
    [64, 31, 17],
  ] as const;
  const wasm = new WasmGemm();
  // 64 KiB of memory: blocks of a few rows, columns in several blocks, A scaled again for each.
  const small = new WasmGemm({ maxBytes: 65536, blockBytes: 512 });

  it("in the WebAssembly kernel, block by block (threads on shared buffers or not, periods that split micro-kernel blocks, odd k, a bias too)", () => {
    for (const shape of shapes) {
      for (const period of [1, 2, 3, 5]) {
        checkScale(wasm.gemm.bind(wasm), shape, period, "default blocks");
        checkScale(wasm.gemm.bind(wasm), shape, period, "default blocks, shared buffers", false, true);
        // Where a block of whole periods does not fit, the dispatcher scales in JavaScript (below).
        if (small.accepts(shape[1], period)) checkScale(small.gemm.bind(small), shape, period, "blocked in 64 KiB", true);
      }
    }
  });

  it("in the dispatcher, whichever kernel it picks", () => {
    for (const shape of shapes) for (const period of [1, 2, 6]) checkScale(gemm, shape, period, "gemm", period === 2);
  });

  it("in the backend's Matmul, B batched too: each scaled row then meets its own B", () => {
    const [a, b, scales] = [
      tensor(seededUniform(4, 60), [2, 6, 5]),
      tensor(seededUniform(5, 30), [2, 5, 3]),
      tensor(seededUniform(6, 30), [6, 1, 5]),
    ];
    const view = (t: Tensor) => ({ buffer: t.buffer as HostArray, shape: t.shape, dtype: t.dtype });
    const fused = cpu.run(Prim.Matmul, [view(a), view(b), view(scales)], { scalePeriod: 2 }, { shape: [2, 6, 3], dtype: "float64" });
    const scaled = mul(reshape(a, [6, 2, 5]), scales);
    expect(Array.from(fused)).to.deep.equal(Array.from(matmul(reshape(scaled, [2, 6, 5]), b).data()));
  });

  it("refuses rows that are not whole periods", () => {
    const call = () =>
      wasm.gemm(new Float64Array(15), 0, new Float64Array(3), 0, new Float64Array(5), 0, 5, 3, 1, undefined, {
        buffer: new Float64Array(6),
        offset: 0,
        period: 2,
      });
    expect(call).to.throw(RangeError, /5 rows are not whole periods of 2/);
  });
});
