import { expect } from "chai";
import { encodeModule, sleb128, uleb128, ValType } from "../../../../src/backends/cpu/wasm/encoder.js";

describe("wasm encoder", () => {
  it("writes unsigned LEB128", () => {
    expect(uleb128(0)).to.deep.equal([0x00]);
    expect(uleb128(127)).to.deep.equal([0x7f]);
    expect(uleb128(128)).to.deep.equal([0x80, 0x01]);
    expect(uleb128(624485)).to.deep.equal([0xe5, 0x8e, 0x26]);
    expect(uleb128(0xffffffff)).to.deep.equal([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(() => uleb128(-1)).to.throw(RangeError, "uleb128: expected an integer in [0, 2^32), got -1");
  });

  it("writes signed LEB128", () => {
    expect(sleb128(0)).to.deep.equal([0x00]);
    expect(sleb128(63)).to.deep.equal([0x3f]);
    expect(sleb128(64)).to.deep.equal([0xc0, 0x00]);
    expect(sleb128(-1)).to.deep.equal([0x7f]);
    expect(sleb128(-64)).to.deep.equal([0x40]);
    expect(sleb128(-65)).to.deep.equal([0xbf, 0x7f]);
    expect(sleb128(-123456)).to.deep.equal([0xc0, 0xbb, 0x78]);
    expect(sleb128(-0x80000000)).to.deep.equal([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(() => sleb128(2 ** 31)).to.throw(RangeError, "sleb128: expected an integer in [-2^31, 2^31)");
  });

  it("writes a module of exported functions and memory that the engine runs", () => {
    const { i32 } = ValType;
    // add(x, y) = x + y; the second function stores 7 at address 8 through a local.
    const add = { name: "add", params: [i32, i32], results: [i32], locals: [], body: [0x20, 0, 0x20, 1, 0x6a] };
    const poke = { name: "poke", params: [], results: [], locals: [i32, i32], body: [0x41, 7, 0x21, 1, 0x41, 8, 0x20, 1, 0x36, 2, 0] };
    const bytes = encodeModule({ memory: { name: "memory", min: 1, max: 2 }, functions: [add, poke] });
    expect([...bytes.subarray(0, 8)]).to.deep.equal([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    expect((exports["add"] as (x: number, y: number) => number)(40, 2)).to.equal(42);
    (exports["poke"] as () => void)();
    const memory = exports["memory"] as WebAssembly.Memory;
    expect(new Int32Array(memory.buffer)[2]).to.equal(7);
    expect(memory.grow(1)).to.equal(1);
    expect(() => memory.grow(1)).to.throw(RangeError);
  });

  it("writes a module without memory", () => {
    const bytes = encodeModule({
      functions: [{ name: "f", params: [], results: [ValType.f64], locals: [], body: [0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f] }],
    });
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    expect((exports["f"] as () => number)()).to.equal(1);
  });
});
