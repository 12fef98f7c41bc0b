import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { seededUniform, sharedCopy } from "@nabla/testing";
import { Code } from "../../../src/backends/cpu/wasm/code.js";
import { encodeModule, ValType } from "../../../src/backends/cpu/wasm/encoder.js";
import { WasmGemm } from "../../../src/backends/cpu/wasm/gemm.js";
import { defaultKernelThreads, helperShares, WasmHelpers } from "../../../src/backends/cpu/wasm/helpers.js";
import { PlanBuilder, runPlan } from "../../../src/backends/cpu/wasm/plan.js";
import { WasmStreams } from "../../../src/backends/cpu/wasm/streams.js";

/** Runs `body` with NABLA_CPU_THREADS set to `value` (or unset), then restores it. */
function withThreadsVariable(value: string | undefined, body: () => void): void {
  const before = process.env["NABLA_CPU_THREADS"];
  if (value === undefined) delete process.env["NABLA_CPU_THREADS"];
  else process.env["NABLA_CPU_THREADS"] = value;
  try {
    body();
  } finally {
    if (before === undefined) delete process.env["NABLA_CPU_THREADS"];
    else process.env["NABLA_CPU_THREADS"] = before;
  }
}

/** Runs `body` and says how many shares of its kernel calls went to helpers. */
function sharesOf(body: () => void): number {
  const before = helperShares();
  body();
  return helperShares() - before;
}

describe("helper threads of the WebAssembly kernels (Node)", () => {
  it("split a product's rows between threads and give the one-thread kernel's bits", () => {
    const one = new WasmGemm({ threads: 1 }),
      two = new WasmGemm({ threads: 2 }),
      three = new WasmGemm({ threads: 3, blockBytes: 64 * 1024 });
    expect([one.threads, two.threads, three.threads]).to.deep.equal([1, 2, 3]);
    // Tall and wide enough to be split, with a ragged last block of rows and of columns.
    for (const [m, k, n] of [
      [3001, 100, 100],
      [997, 301, 45],
      [400_003, 3, 7],
    ] as const) {
      const a = sharedCopy(seededUniform(m, m * k)),
        b = seededUniform(n, k * n);
      const results = [one, two, three].map((kernel, t) => {
        const c = sharedCopy(new Float64Array(m * n).fill(NaN));
        expect(
          sharesOf(() => kernel.gemm(a, 0, b, 0, c, 0, m, k, n)),
          `${m}×${k}×${n}, shares of ${t + 1} threads`,
        ).to.be.at.least(t);
        return c;
      });
      expect(results[1], `${m}×${k}×${n}, 2 threads`).to.deep.equal(results[0]);
      expect(results[2], `${m}×${k}×${n}, 3 threads`).to.deep.equal(results[0]);
    }
  });

  it("split GELU's stacks between threads and give the one-thread kernel's bits", () => {
    const one = new WasmStreams(64 * 1024 * 1024, 256 * 1024, 1),
      two = new WasmStreams(64 * 1024 * 1024, 64 * 1024, 2);
    // Odd, so that the last part ends on half a vector; several blocks.
    const n = 100_001;
    const x = sharedCopy(seededUniform(3, n, -9, 9));
    for (const [order, count] of [
      [0, 3],
      [1, 1],
      [2, 2],
    ] as const) {
      const [a, b] = [one, two].map((kernel, t) => {
        const out = sharedCopy(new Float64Array(count * n).fill(NaN));
        expect(sharesOf(() => expect(kernel.geluStack(x, order, count, out)).to.equal(true))).to.equal(t);
        return out;
      });
      expect(b, `orders ${order} to ${order + count - 1}`).to.deep.equal(a);
    }
  });

  it("split GELU's jet between threads, coefficients shared by the points or not, and give the one-thread kernel's bits", () => {
    const one = new WasmStreams(64 * 1024 * 1024, 256 * 1024, 1),
      two = new WasmStreams(64 * 1024 * 1024, 64 * 1024, 2);
    // 3001 points of 100 values: the second thread's part starts on a whole point; several blocks each.
    const N = 300_100;
    const x = sharedCopy(seededUniform(4, N, -5, 5));
    const planes = (seed: number, count: number, period: number) => ({
      buffer: sharedCopy(seededUniform(seed, count * period)),
      count,
      plane: period,
      period,
    });
    for (const [x1, x2] of [
      [planes(5, 2, N), planes(6, 3, N)],
      [planes(7, 2, 100), null],
    ] as const) {
      const [a, b] = [one, two].map((kernel, t) => {
        const out = sharedCopy(new Float64Array(6 * N).fill(NaN));
        expect(sharesOf(() => expect(kernel.geluJet(x, x1, x2, 0, out)).to.equal(true))).to.equal(t);
        return out;
      });
      expect(b, x2 ? "every plane a block a point" : "shared first-order coefficients").to.deep.equal(a);
      // An output the helpers cannot reach: this thread copies every block in and out, both threads compute.
      const unshared = new Float64Array(6 * N).fill(NaN);
      expect(sharesOf(() => expect(two.geluJet(x, x1, x2, 0, unshared)).to.equal(true))).to.be.above(0);
      expect(unshared, "an output in an ordinary buffer").to.deep.equal(a);
    }
  });

  it("split the broadcasting binary operations and the second-order chains between threads, with the one-thread kernel's bits", () => {
    const one = new WasmStreams(64 * 1024 * 1024, 256 * 1024, 1),
      two = new WasmStreams(64 * 1024 * 1024, 32 * 1024, 2);
    // [3001, 3, 100] times [3001, 1, 100] (broadcast along the middle axis), plus a bias row.
    const [P, J, M] = [3001, 3, 100];
    const a = sharedCopy(seededUniform(1, P * J * M)),
      b = sharedCopy(seededUniform(2, P * M)),
      bias = seededUniform(3, M);
    for (const [x, y] of [
      [
        { buffer: a, strides: [J * M, M, 1] as const },
        { buffer: b, strides: [M, 0, 1] as const },
      ],
      [
        { buffer: a, strides: [J * M, M, 1] as const },
        { buffer: bias, strides: [0, 0, 1] as const },
      ],
    ]) {
      const [fromOne, fromTwo] = [one, two].map((kernel, t) => {
        const out = sharedCopy(new Float64Array(P * J * M).fill(NaN));
        expect(sharesOf(() => expect(kernel.binary("mul", x, y, P, J, M, out)).to.equal(true))).to.equal(t);
        return out;
      });
      expect(fromTwo).to.deep.equal(fromOne);
    }
    // g2·x1ₐ·x1ᵦ + g1·x2 over 2 directions (3 pairs) of rows of 100.
    const pairs = { a: Int32Array.of(0, 0, 1), b: Int32Array.of(0, 1, 1) };
    const operands = [
      { buffer: sharedCopy(seededUniform(4, P * M)), strides: [M, 0, 1] as const },
      { buffer: sharedCopy(seededUniform(5, P * 2 * M)), strides: [2 * M, M, 1] as const },
      { buffer: sharedCopy(seededUniform(6, P * M)), strides: [M, 0, 1] as const },
      { buffer: sharedCopy(seededUniform(7, P * 3 * M)), strides: [3 * M, M, 1] as const },
    ] as const;
    const [fromOne, fromTwo] = [one, two].map((kernel, t) => {
      const out = sharedCopy(new Float64Array(P * 3 * M).fill(NaN));
      expect(sharesOf(() => expect(kernel.secondChain(operands, pairs, P, M, out)).to.equal(true))).to.equal(t);
      return out;
    });
    expect(fromTwo).to.deep.equal(fromOne);
  });

  it("compute a product whose A or C they cannot reach, this thread copying for them, with the same bits", () => {
    const one = new WasmGemm({ threads: 1 }),
      two = new WasmGemm({ threads: 2, blockBytes: 64 * 1024 });
    const [m, k, n] = [2001, 100, 100];
    const a = seededUniform(1, m * k),
      b = seededUniform(2, k * n);
    const alone = new Float64Array(m * n),
      plain = new Float64Array(m * n).fill(NaN),
      inShared = sharedCopy(new Float64Array(m * n));
    one.gemm(a, 0, b, 0, alone, 0, m, k, n);
    expect(
      sharesOf(() => two.gemm(a, 0, b, 0, plain, 0, m, k, n)),
      "plain A and C: a share a block",
    ).to.be.above(1);
    expect(
      sharesOf(() => two.gemm(sharedCopy(a), 0, b, 0, inShared, 0, m, k, n)),
      "shared A and C: one share",
    ).to.equal(1);
    expect(plain).to.deep.equal(alone);
    expect(inShared).to.deep.equal(alone);
  });

  it("leave a GELU stack whose buffers they cannot reach to this thread", () => {
    const two = new WasmStreams(64 * 1024 * 1024, 256 * 1024, 2);
    const x = seededUniform(3, 100_000, -9, 9);
    expect(sharesOf(() => two.geluStack(x, 0, 3, new Float64Array(3 * x.length)))).to.equal(0);
  });

  it("report a job that traps in a helper, with its message, and go on working", () => {
    // load(address): reads the float64 at `address`, which traps past the memory's end.
    const f = new Code([ValType.i32]);
    f.get(f.param(0)).f64Load().drop();
    const bytes = encodeModule({ memory: { name: "memory", min: 1, max: 1, imported: true, shared: true }, functions: [f.function("load")] });
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const module = new WebAssembly.Module(bytes);
    const helpers = WasmHelpers.start(1)!;
    const index = helpers.register(module, memory, ["load"]);
    const loadAt = (address: number) => ({ plan: new PlanBuilder().call(0, [address]).build(), buffers: [] });
    let ran = false;
    expect(() => helpers.run(index, [loadAt(70_000)], () => (ran = true))).to.throw(
      Error,
      /a helper thread failed: RuntimeError: memory access out of bounds/,
    );
    expect(ran).to.equal(true);
    expect(() => helpers.run(index, [loadAt(8)], () => {})).not.to.throw();
    expect(() => helpers.run(index + 1, [loadAt(8)], () => {})).to.throw(RangeError, `no registered module ${index + 1}`);
    expect(() => helpers.run(index, [loadAt(8), loadAt(8)], () => {})).to.throw(RangeError, "2 shares for 1 helpers");
  });

  it("copy their share in and out of buffers in SharedArrayBuffers, as this thread does", () => {
    // A plan per thread: x's half in, doubled by the module (double(at, n)), out into y's half.
    const f = new Code([ValType.i32, ValType.i32]);
    const [at, count] = [f.param(0), f.param(1)];
    f.loop((again) => {
      f.get(at).get(at).f64Load().get(at).f64Load().f64Add().f64Store();
      f.get(at).i32Const(8).i32Add().set(at);
      f.get(count).i32Const(1).i32Sub().tee(count).brIf(again);
    });
    const bytes = encodeModule({ memory: { name: "memory", min: 1, max: 1, imported: true, shared: true }, functions: [f.function("double")] });
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const module = new WebAssembly.Module(bytes);
    const { exports } = new WebAssembly.Instance(module, { env: { memory } });
    const helpers = WasmHelpers.start(1)!;
    const index = helpers.register(module, memory, ["double"]);
    const n = 1000;
    const x = new Float64Array(new SharedArrayBuffer(n * 8)).map((_, i) => i),
      y = new Float32Array(new SharedArrayBuffer(n * 4)).fill(NaN);
    const half = (h: number) =>
      new PlanBuilder()
        .in(0, h * 500, 500, h * 512)
        .call(0, [h * 512 * 8, 500])
        .out(1, h * 500, 500, h * 512)
        .build();
    const buffers = [x, y];
    helpers.run(index, [{ plan: half(1), buffers }], () =>
      runPlan(half(0), buffers, new Float64Array(memory.buffer), [exports["double"] as () => void]),
    );
    expect([...y]).to.deep.equal(Array.from({ length: n }, (_, i) => 2 * i));
  });

  it("default to the cores on the main thread, or to NABLA_CPU_THREADS, which must be a positive integer", () => {
    withThreadsVariable(undefined, () => expect(defaultKernelThreads()).to.be.within(1, 8));
    withThreadsVariable("3", () => expect(defaultKernelThreads()).to.equal(3));
    withThreadsVariable("0", () => expect(defaultKernelThreads).to.throw(RangeError, 'NABLA_CPU_THREADS must be a positive integer, got "0"'));
    withThreadsVariable("two", () => expect(defaultKernelThreads).to.throw(RangeError, 'got "two"'));
  });

  it("never keep a process alive: one that used them exits by itself", function () {
    this.timeout(30_000);
    const gemm = fileURLToPath(new URL("../../../src/backends/cpu/wasm/gemm.ts", import.meta.url));
    const script = `import { WasmGemm } from ${JSON.stringify(gemm)};
      const g = new WasmGemm({ threads: 2 });
      const c = new Float64Array(1000 * 100);
      g.gemm(new Float64Array(1000 * 100).fill(1), 0, new Float64Array(100 * 100).fill(1), 0, c, 0, 1000, 100, 100);
      console.log(String(g.threads) + " " + String(c[0]));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
    expect(run.error, "the process did not end within 20 s").to.equal(undefined);
    expect(run.stdout.trim()).to.equal("2 100");
    expect(run.status).to.equal(0);
  });
});
