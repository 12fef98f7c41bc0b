import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { seededUniform } from "@nabla/testing";
import { Code } from "../../../src/backends/cpu/wasm/code.js";
import { encodeModule, ValType } from "../../../src/backends/cpu/wasm/encoder.js";
import { WasmGemm } from "../../../src/backends/cpu/wasm/gemm.js";
import { defaultKernelThreads, WasmHelpers } from "../../../src/backends/cpu/wasm/helpers.js";
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
      [4099, 3, 7],
    ] as const) {
      const a = seededUniform(m, m * k),
        b = seededUniform(n, k * n);
      const results = [one, two, three].map((kernel) => {
        const c = new Float64Array(m * n).fill(NaN);
        kernel.gemm(a, 0, b, 0, c, 0, m, k, n);
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
    const x = seededUniform(3, n, -9, 9);
    for (const [order, count] of [
      [0, 3],
      [1, 1],
      [2, 2],
    ] as const) {
      const [a, b] = [one, two].map((kernel) => {
        const out = new Float64Array(count * n).fill(NaN);
        expect(kernel.geluStack(x, order, count, out)).to.equal(true);
        return out;
      });
      expect(b, `orders ${order} to ${order + count - 1}`).to.deep.equal(a);
    }
  });

  it("report a job that traps in a helper, with its message, and go on working", () => {
    // load(address): reads the float64 at `address`, which traps past the memory's end.
    const f = new Code([ValType.i32]);
    f.get(f.param(0)).f64Load().drop();
    const bytes = encodeModule({ memory: { name: "memory", min: 1, max: 1, imported: true, shared: true }, functions: [f.function("load")] });
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const module = new WebAssembly.Module(bytes);
    const helpers = WasmHelpers.start(1)!;
    helpers.register(module, memory, ["load"]);
    const load = helpers.fn(module, "load");
    let ran = false;
    expect(() => helpers.run([{ fn: load, args: [70_000] }], () => (ran = true))).to.throw(
      Error,
      /a helper thread failed: RuntimeError: memory access out of bounds/,
    );
    expect(ran).to.equal(true);
    expect(() => helpers.run([{ fn: load, args: [8] }], () => {})).not.to.throw();
    expect(() => helpers.fn(module, "store")).to.throw(RangeError, "no registered function store");
    expect(() => helpers.run([{ fn: load, args: [8] }, { fn: load, args: [8] }], () => {})).to.throw(RangeError, "2 jobs for 1 helpers");
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
