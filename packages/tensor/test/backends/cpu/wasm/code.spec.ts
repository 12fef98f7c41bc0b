import { expect } from "chai";
import { Code } from "../../../../src/backends/cpu/wasm/code.js";
import { encodeModule, ValType } from "../../../../src/backends/cpu/wasm/encoder.js";

const { i32 } = ValType;

/** Instantiates the function `f` with a one-page memory; returns it and the memory as float64. */
function instantiate(f: Code, results: ValType[] = []) {
  const { exports } = new WebAssembly.Instance(
    new WebAssembly.Module(encodeModule({ memory: { name: "memory", min: 1, max: 1 }, functions: [f.function("f", results)] })),
    {},
  );
  return { run: exports["f"] as (...args: number[]) => number, heap: new Float64Array((exports["memory"] as WebAssembly.Memory).buffer) };
}

describe("wasm code", () => {
  it("branches to blocks and loops by label", () => {
    // sum(n) = 1 + 2 + … + n, or 0 for n = 0.
    const f = new Code([i32]);
    const n = f.param(0),
      sum = f.local(i32);
    f.block((done) => {
      f.get(n).i32Eqz().brIf(done);
      f.loop((again) => {
        f.get(sum).get(n).i32Add().set(sum);
        f.get(n).i32Const(1).i32Sub().tee(n).brIf(again);
      });
    });
    f.get(sum);
    const { run } = instantiate(f, [i32]);
    expect([0, 1, 4, 100].map((x) => run(x))).to.deep.equal([0, 1, 10, 5050]);
  });

  it("computes with f64 and f64x2, loads and stores", () => {
    // heap[4..5] = splat(heap[0]) · heap[2..3] + heap[2..3]; heap[6] = heap[0] + lane 1 of that.
    const f = new Code([]);
    const v = f.local(ValType.v128);
    f.i32Const(32).i32Const(0).v128Load64Splat().i32Const(16).v128Load().f64x2Mul().i32Const(16).v128Load().f64x2Add().tee(v).v128Store();
    f.i32Const(0).i32Const(0).f64Load().get(v).f64x2ExtractLane(1).f64Add().f64Store(48);
    f.i32Const(0).f64Load().drop();
    f.i32Const(56).v128Zero().v128Store();
    const { run, heap } = instantiate(f);
    heap.set([3, 0, 2, 5, 0, 0, 0, 9, 9]);
    run();
    expect([...heap.subarray(4, 9)]).to.deep.equal([8, 20, 23, 0, 0]);
  });

  it("compares i32", () => {
    const f = new Code([i32, i32]);
    const [x, y] = [f.param(0), f.param(1)];
    // (x <u y) · 100 + (x >s y) · 10 + (x − y ≠ 0) + (x = 0) · 1000
    f.get(x).get(y).i32LtU().i32Const(100).i32Mul();
    f.get(x).get(y).i32GtS().i32Const(10).i32Mul().i32Add();
    f.get(x).get(y).i32Sub().i32Const(0).i32Ne().i32Add();
    f.get(x).i32Eqz().i32Const(1000).i32Mul().i32Add();
    const { run } = instantiate(f, [i32]);
    expect([run(1, 2), run(5, 2), run(4, 4), run(-1, 2), run(0, 3)]).to.deep.equal([101, 11, 0, 1, 1101]);
  });

  it("refuses an unknown parameter and a function with open blocks", () => {
    const f = new Code([i32]);
    expect(() => f.param(1)).to.throw(RangeError, "param: index 1 outside the 1 parameters");
    f.block(() => expect(() => f.function("g")).to.throw(Error, "function g: 1 block(s) left open"));
  });
});
