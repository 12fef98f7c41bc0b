import { expect } from "chai";
import { seededUniform } from "@nabla/testing";
import * as t from "@nabla/tensor";
import { directionPairs } from "@nabla/tensor";
import { geluStackJs } from "../../../src/backends/cpu/geluStack.js";
import { geluVariants, GELU_MAX_ORDER } from "../../../src/backends/cpu/wasm/geluKernel.js";
import { simdSupported } from "../../../src/backends/cpu/wasm/simd.js";
import type { StreamOp } from "../../../src/backends/cpu/wasm/streamKernels.js";
import { WasmStreams, type JetPlanes, type StreamOperand } from "../../../src/backends/cpu/wasm/streams.js";

const ops: Record<StreamOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
  min: Math.min,
  max: Math.max,
};

/** Random values with the awkward ones among them: NaN, ±0, ±∞. */
function values(seed: number, n: number): Float64Array {
  const v = seededUniform(seed, n, -3, 3);
  const special = [NaN, 0, -0, Infinity, -Infinity];
  for (let i = 0; i < n; i += 17) v[i] = special[(i / 17) % special.length]!;
  return v;
}

/** out[p][j][i] by the definition, value by value. */
function naiveBinary(f: (x: number, y: number) => number, a: StreamOperand, b: StreamOperand, P: number, J: number, M: number): Float64Array {
  const out = new Float64Array(P * J * M);
  const at = ({ strides: [sp, sj, sm] }: StreamOperand, p: number, j: number, i: number) => p * sp + j * sj + i * sm;
  for (let p = 0; p < P; p++)
    for (let j = 0; j < J; j++) for (let i = 0; i < M; i++) out[(p * J + j) * M + i] = f(a.buffer[at(a, p, j, i)]!, b.buffer[at(b, p, j, i)]!);
  return out;
}

/** Same bits, NaN equal to NaN and −0 apart from +0. */
function expectSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  expect(actual.length, what).to.equal(expected.length);
  for (let i = 0; i < actual.length; i++)
    if (!Object.is(actual[i], expected[i])) expect.fail(`${what}: value ${i} is ${actual[i]}, expected ${expected[i]}`);
}

(simdSupported() ? describe : describe.skip)("WebAssembly streaming kernels (CPU backend, float64)", () => {
  // Small blocks, so that every case crosses several.
  const streams = new WasmStreams(64 * 1024 * 1024, 4096);

  /** [name, P, J, M, a's strides, b's strides]: rows, broadcasts along each axis, a value a row, odd rows. */
  const layouts: [string, number, number, number, [number, number, number], [number, number, number]][] = [
    ["a bias added to rows", 300, 1, 100, [100, 0, 1], [0, 0, 1]],
    ["a row a point times its directions", 50, 7, 33, [231, 33, 1], [33, 0, 1]],
    ["the same directions for every point", 64, 2, 100, [0, 100, 1], [100, 0, 1]],
    ["a value a row on the right", 90, 3, 21, [63, 21, 1], [3, 1, 0]],
    ["a value a row on the left", 90, 1, 9, [1, 0, 0], [9, 0, 1]],
    ["one point", 1, 5, 17, [85, 17, 1], [0, 0, 1]],
  ];

  for (const [name, P, J, M, sa, sb] of layouts) {
    it(`gives the JavaScript kernel's bits for every operation: ${name} (${P}×${J}×${M})`, () => {
      const size = ([sp, sj, sm]: number[]) => (P - 1) * sp! + (J - 1) * sj! + (M - 1) * sm! + 1;
      const a: StreamOperand = { buffer: values(1, size(sa)), strides: sa };
      const b: StreamOperand = { buffer: values(2, size(sb)), strides: sb };
      for (const op of Object.keys(ops) as StreamOp[]) {
        const out = new Float64Array(P * J * M).fill(7);
        expect(streams.binary(op, a, b, P, J, M, out), op).to.equal(true);
        expectSameBits(out, naiveBinary(ops[op], a, b, P, J, M), `${op}, ${name}`);
      }
    });
  }

  it("reads float32 operands and rounds a float32 output, as the JavaScript kernels' float64 arithmetic and float32 stores do", () => {
    const [P, J, M] = [40, 3, 17];
    const a: StreamOperand = { buffer: Float32Array.from(values(21, P * J * M)), strides: [J * M, M, 1] };
    const b: StreamOperand = { buffer: values(22, P * M), strides: [M, 0, 1] }; // float64, read as it is
    const out = new Float32Array(P * J * M);
    expect(streams.binary("mul", a, b, P, J, M, out)).to.equal(true);
    expectSameBits(Float64Array.from(out), Float64Array.from(naiveBinary(ops.mul, a, b, P, J, M), Math.fround), "float32 mul");

    const x = Float32Array.from(seededUniform(23, 999, -6, 6));
    const [fromJs, fromWasm] = [new Float32Array(3 * x.length), new Float32Array(3 * x.length)];
    geluStackJs(x, 0, 3, fromJs);
    expect(streams.geluStack(x, 0, 3, fromWasm)).to.equal(true);
    // Rounded to float32, the exponential's last bits rarely show: at most one float32 ulp apart.
    for (let i = 0; i < fromJs.length; i++)
      expect(Math.abs(fromWasm[i]! - fromJs[i]!), `value ${i}`).to.be.at.most(1.2e-7 * Math.abs(fromJs[i]!) + 1e-12);
  });

  it("declines a point that does not fit in its memory, and writes nothing", () => {
    const small = new WasmStreams(65536, 4096);
    const M = 8192; // two operands and the output of 64 KiB each
    const a: StreamOperand = { buffer: values(3, M), strides: [M, 0, 1] };
    const out = new Float64Array(M).fill(7);
    expect(small.binary("add", a, a, 1, 1, M, out)).to.equal(false);
    expect(out.every((v) => v === 7)).to.equal(true);
  });

  for (const [directions, M, withFirst, shared] of [
    [2, 100, true, false],
    [2, 100, false, true],
    [3, 31, true, false],
    [1, 9, true, true],
  ] as const) {
    it(`computes g1·x2 + g2·x1ₐ·x1ᵦ pair by pair as the definition does (${directions} directions, rows of ${M}${withFirst ? "" : ", no first-order term"}${shared ? ", x1 shared by the points" : ""})`, () => {
      const pairs = directionPairs(directions);
      const K = pairs.a.length,
        P = 77;
      const g2: StreamOperand = { buffer: values(4, P * M), strides: [M, 0, 1] };
      const x1: StreamOperand = { buffer: values(5, (shared ? 1 : P) * directions * M), strides: [shared ? 0 : directions * M, M, 1] };
      const g1: StreamOperand = { buffer: values(6, P * M), strides: [M, 0, 1] };
      const x2: StreamOperand = { buffer: values(7, P * K * M), strides: [K * M, M, 1] };
      const out = new Float64Array(P * K * M);
      expect(streams.secondChain(withFirst ? [g2, x1, g1, x2] : [g2, x1], pairs, P, M, out)).to.equal(true);
      const expected = new Float64Array(P * K * M);
      for (let p = 0; p < P; p++)
        for (let k = 0; k < K; k++)
          for (let i = 0; i < M; i++) {
            const x1At = (d: number) => x1.buffer[p * x1.strides[0] + d * M + i]!;
            const second = g2.buffer[p * M + i]! * x1At(pairs.a[k]!) * x1At(pairs.b[k]!);
            expected[(p * K + k) * M + i] = withFirst ? g1.buffer[p * M + i]! * x2.buffer[(p * K + k) * M + i]! + second : second;
          }
      expectSameBits(out, expected, "second chain");
    });
  }

  describe("exact GELU's derivatives", () => {
    // Every region of the JavaScript kernel and its edges: erf's, erfc's near and far, past the cutoff, and the awkward values.
    const edges = [0.46875, 4, 26.55]
      .flatMap((y) => [y, y * (1 + Number.EPSILON), y * (1 - Number.EPSILON)].map((t) => t * Math.SQRT2))
      .flatMap((v) => [v, -v]);
    const x = Float64Array.from([
      ...[NaN, Infinity, -Infinity, 0, -0, 1e-300, -1e-300, 1e-17, -0.75179, 1.4142135623730951, 40, -40],
      ...edges,
      ...seededUniform(11, 2001, -1, 1),
      ...seededUniform(12, 3001, -8, 8),
      ...seededUniform(13, 1001, -45, 45),
    ]);

    for (const [order, count] of geluVariants()) {
      it(`orders ${order} to ${order + count - 1}: the JavaScript kernel's values but for the exponential's last bits`, () => {
        const expected = new Float64Array(count * x.length);
        const actual = new Float64Array(count * x.length);
        geluStackJs(x, order, count, expected);
        expect(streams.geluStack(x, order, count, actual)).to.equal(true);
        let same = 0;
        for (let i = 0; i < actual.length; i++) {
          const [a, e, v] = [actual[i]!, expected[i]!, x[i % x.length]!];
          if (Object.is(a, e)) {
            same++;
            continue;
          }
          // Φ + vφ cancels near its zero (v ≈ −0.75): there the error is one of terms below 1, not of the result.
          const tolerance = Math.abs(v) > 2 ? 1e-14 * Math.abs(e) : 1e-14 * Math.abs(e) + 1e-15;
          if (!(Math.abs(a - e) <= tolerance)) expect.fail(`GELU^(${order + Math.floor(i / x.length)})(${v}) = ${a}, expected ${e}`);
        }
        // Most values have the same bits: only the exponential differs.
        expect(same / actual.length).to.be.above(0.6);
      });
    }

    it(`declines orders past ${GELU_MAX_ORDER}, which JavaScript computes`, () => {
      expect(streams.geluStack(x, GELU_MAX_ORDER, 2, new Float64Array(2 * x.length))).to.equal(false);
    });
  });

  describe("exact GELU's jet", () => {
    /** The planes by their definition, from the JavaScript GELU stack, in the second chain's order of operations. */
    function definition(x: Float64Array, x1: JetPlanes, x2: JetPlanes | null, order: number): Float64Array {
      const N = x.length,
        n = x1.count,
        { a, b } = directionPairs(n);
      const g = new Float64Array(3 * N);
      geluStackJs(x, order, 3, g);
      const at = (p: JetPlanes, d: number, i: number) => p.buffer[d * p.plane + (i % p.period)]!;
      const out = new Float64Array((1 + n + a.length) * N);
      for (let i = 0; i < N; i++) {
        out[i] = g[i]!;
        for (let d = 0; d < n; d++) out[(1 + d) * N + i] = g[N + i]! * at(x1, d, i);
        for (let k = 0; k < a.length; k++) {
          const square = g[2 * N + i]! * at(x1, a[k]!, i) * at(x1, b[k]!, i);
          out[(1 + n + k) * N + i] = x2 ? g[N + i]! * at(x2, k, i) + square : square;
        }
      }
      return out;
    }
    const planes = (seed: number, count: number, period: number): JetPlanes => ({
      buffer: seededUniform(seed, count * period, -2, 2),
      count,
      plane: period,
      period,
    });

    for (const [label, N, n, period, withSecond, order] of [
      ["every plane a block a point", 3001, 2, 3001, true, 0],
      ["first-order coefficients shared by the points", 3000, 2, 100, false, 0],
      ["shared first-order coefficients, with second-order ones", 3000, 3, 60, true, 0],
      ["one direction, GELU′'s jet", 999, 1, 999, true, 1],
    ] as const) {
      it(`gives the definition's values but for the exponential's last bits: ${label}`, () => {
        const x = seededUniform(31, N, -6, 6);
        const x1 = planes(32, n, period),
          x2 = withSecond ? planes(33, (n * (n + 1)) / 2, N) : null;
        const out = new Float64Array((1 + n + (n * (n + 1)) / 2) * N).fill(NaN);
        expect(streams.geluJet(x, x1, x2, order, out)).to.equal(true);
        const expected = definition(x, x1, x2, order);
        // A second-order plane sums terms up to about 4 (|x₁|, |x₂| ≤ 2) that may cancel: an ulp of theirs, not of the sum.
        for (let i = 0; i < out.length; i++) {
          const [o, e] = [out[i]!, expected[i]!];
          if (!(Math.abs(o - e) <= 1e-14 * Math.abs(e) + 1e-15)) expect.fail(`${label}: value ${i} is ${o}, expected ${e}`);
        }
      });
    }

    it("declines orders past the module's and second-order coefficients shared by the points, and writes nothing", () => {
      const x = seededUniform(34, 400, -3, 3);
      const out = new Float64Array(6 * 400).fill(7);
      expect(streams.geluJet(x, planes(35, 2, 400), planes(36, 3, 400), GELU_MAX_ORDER - 1, out)).to.equal(false);
      expect(streams.geluJet(x, planes(35, 2, 400), planes(36, 3, 100), 0, out)).to.equal(false);
      expect(out.every((v) => v === 7)).to.equal(true);
    });
  });

  it("serves the CPU backend's broadcasting binary operations", () => {
    const x = t.tensor(seededUniform(8, 40 * 3 * 50), [40, 3, 50]);
    const bias = t.tensor(seededUniform(9, 50), [50]);
    const perPoint = t.tensor(seededUniform(10, 40 * 50), [40, 1, 50]);
    const xs = x.toArray() as number[][][];
    const bs = bias.toArray() as number[];
    const ps = perPoint.toArray() as number[][][];
    expect(t.add(x, bias).toArray()).to.deep.equal(xs.map((m) => m.map((r) => r.map((v, i) => v + bs[i]!))));
    expect(t.mul(perPoint, x).toArray()).to.deep.equal(xs.map((m, p) => m.map((r) => r.map((v, i) => ps[p]![0]![i]! * v))));
  });
});
