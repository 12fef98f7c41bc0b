import { expect } from "chai";
import { cpu, Prim, tensor, type BufferPool, type HostArray } from "@nabla/tensor";
import { HostBufferPool, pooledBuffer } from "../../../src/backends/cpu/pool.js";

const aval = (n: number) => ({ shape: [n], dtype: "float64" as const });
/** One output of `n` values made by the CPU backend while `pool` supplies them: exp of ones. */
const output = (pool: BufferPool<HostArray>, n: number): HostArray =>
  pool.supply(() => cpu.run(Prim.Exp, [{ buffer: new Float64Array(n).fill(1), shape: [n], dtype: "float64" }], {}, aval(n)) as HostArray);

describe("the CPU backend's buffer pool", () => {
  it("supplies outputs only while it runs: outside, the backend makes fresh buffers", () => {
    expect(pooledBuffer("float64", 8, false)).to.equal(null);
    const pool = new HostBufferPool();
    pool.supply(() => {
      const made = cpu.run(Prim.Exp, [{ buffer: new Float64Array(8).fill(1), shape: [8], dtype: "float64" }], {}, aval(8)) as HostArray;
      expect(pool.owner(made)).to.equal(made.buffer);
      expect(Array.from(made)).to.deep.equal(new Array(8).fill(Math.E));
    });
    expect(pool.owner(new Float64Array(8))).to.equal(undefined);
  });

  it("hands a recycled buffer out again, its old values in place, to an output of at most its length and at least half", () => {
    const pool = new HostBufferPool();
    const recycled = pool.supply(() => {
      const first = pooledBuffer("float64", 100, false)!;
      first.fill(7);
      pool.recycle(pool.owner(first)!);
      return first;
    });
    pool.supply(() => {
      expect(pooledBuffer("float64", 101, false)!.buffer, "too long").to.not.equal(recycled.buffer);
      expect(pooledBuffer("float64", 49, false)!.buffer, "less than half").to.not.equal(recycled.buffer);
      expect(pooledBuffer("float32", 100, false)!.buffer, "another dtype").to.not.equal(recycled.buffer);
      const again = pooledBuffer("float64", 60, false)!;
      expect(again.buffer).to.equal(recycled.buffer);
      expect(again.length).to.equal(60);
      expect(again[59]).to.equal(7);
      expect(pooledBuffer("float64", 60, false)!.buffer, "taken already").to.not.equal(recycled.buffer);
    });
  });

  it("zero-fills a recycled buffer for kernels that add into their output", () => {
    const pool = new HostBufferPool();
    pool.supply(() => {
      const first = pooledBuffer("float64", 10, false)!;
      first.fill(3);
      pool.recycle(pool.owner(first)!);
      const again = pooledBuffer("float64", 10, true)!;
      expect(again.buffer).to.equal(first.buffer);
      expect(Array.from(again)).to.deep.equal(new Array(10).fill(0));
    });
    // reduceSum adds into its output: from the pool, it still sums from zero.
    const x = tensor([1, 2, 3, 4], [2, 2]);
    pool.supply(() => {
      const junk = pooledBuffer("float64", 2, false)!.fill(100);
      pool.recycle(pool.owner(junk)!);
      const sums = cpu.run(Prim.ReduceSum, [x as never], { axes: [1] }, { shape: [2], dtype: "float64" }) as HostArray;
      expect(sums.buffer).to.equal(junk.buffer);
      expect(Array.from(sums)).to.deep.equal([3, 7]);
    });
  });

  it("keeps what its last run gave back, and lets go of the rest: its results, or what a failed run left", () => {
    const pool = new HostBufferPool();
    const big = pool.supply(() => {
      const b = pooledBuffer("float64", 1000, false)!;
      pool.recycle(pool.owner(b)!);
      return b;
    });
    expect(pool.owner(big), "given back").to.equal(big.buffer);
    pool.supply(() => pooledBuffer("float64", 10, false));
    expect(pool.owner(big), "unused in the last run").to.equal(undefined);
    pool.supply(() => expect(pooledBuffer("float64", 1000, false)!.buffer).to.not.equal(big.buffer));

    const result = output(pool, 16);
    expect(pool.owner(result), "a result").to.equal(undefined);
    expect(output(pool, 16).buffer).to.not.equal(result.buffer);
    let left: HostArray | undefined;
    expect(() =>
      pool.supply(() => {
        left = pooledBuffer("float64", 16, false)!;
        throw new Error("a kernel failed");
      }),
    ).to.throw("a kernel failed");
    expect(pool.owner(left!), "what a failed run left").to.equal(undefined);
    expect(pooledBuffer("float64", 16, false), "no pool supplies after it").to.equal(null);
  });
});
