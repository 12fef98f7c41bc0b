import { expect } from "chai";
import { filesDigest } from "../../src/targets/filesDigest.js";
import { modelSourceKey } from "../../src/targets/keys.js";
import { modelFiles } from "../../src/targets/sources.js";

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

describe("filesDigest", () => {
  const folder = () => ({ "init.pkl": bytes(300, 1), "state_dict.pth": bytes(200_000, 2) });

  it("is the same for equal files in other objects (a copy posted to a worker), so their key is too", () => {
    expect(filesDigest(folder())).to.equal(filesDigest(structuredClone(folder())));
    expect(modelSourceKey(modelFiles("net", folder()))).to.equal(modelSourceKey(modelFiles("net", folder())));
  });

  it("differs for another byte, size or name", () => {
    const base = filesDigest(folder());
    const byte = folder();
    byte["init.pkl"][7]! ^= 1;
    const longer = { ...folder(), "init.pkl": bytes(301, 1) };
    const renamed = { "init2.pkl": bytes(300, 1), "state_dict.pth": bytes(200_000, 2) };
    expect([filesDigest(byte), filesDigest(longer), filesDigest(renamed)]).to.not.include(base);
    expect(new Set([filesDigest(byte), filesDigest(longer), filesDigest(renamed)]).size).to.equal(3);
  });

  it("tells apart a large file with one weight changed anywhere in it", () => {
    const base = filesDigest(folder());
    for (const at of [1, 65_537, 199_999]) {
      const edited = folder();
      edited["state_dict.pth"][at]! ^= 1;
      expect(filesDigest(edited), `byte ${at}`).to.not.equal(base);
    }
  });

  it("tells retrained weights of a large file apart (they differ everywhere)", () => {
    const retrained = { ...folder(), "state_dict.pth": bytes(200_000, 3) };
    expect(filesDigest(retrained)).to.not.equal(filesDigest(folder()));
  });
});
