import { expect } from "chai";
import { floatLiteral } from "../../src/emit/dialect.js";

describe("emit/dialect", function () {
  it("writes float literals that both languages read as floats", function () {
    expect(floatLiteral(2)).to.equal("2.0");
    expect(floatLiteral(-0.5)).to.equal("-0.5");
    expect(floatLiteral(1e-7)).to.match(/e-7$/);
    expect(Math.fround(Number(floatLiteral(Math.PI)))).to.equal(Math.fround(Math.PI));
  });

  it("refuses infinities and NaN, which neither language can write as a literal", function () {
    expect(() => floatLiteral(Infinity)).to.throw(RangeError, /cannot be written/);
  });
});
