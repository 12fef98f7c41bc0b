import { readdirSync, readFileSync } from "node:fs";
import { expect } from "chai";

const source = new URL("../../src/", import.meta.url);
const files = (readdirSync(source, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));

describe("expressions: nothing is evaluated", () => {
  it("imports only the parser factory and types from mathjs (its main or number-only entry)", () => {
    for (const file of files) {
      const text = readFileSync(new URL(file, source), "utf8");
      for (const [, typeOnly, names] of text.matchAll(/import\s*(type\s*)?\{([^}]*)\}\s*from\s*"mathjs(?:\/number)?"/g)) {
        if (typeOnly) continue;
        const values = names!
          .split(",")
          .map((n) => n.trim())
          .filter((n) => n && !n.startsWith("type "));
        expect(values, file).to.satisfy((list: string[]) => list.every((n) => n === "create" || n === "parseDependencies"));
      }
      expect(text, file).not.to.match(/from\s*"mathjs\/(?!number")/);
    }
  });

  it("never calls evaluate, compile or eval, nor builds a Function", () => {
    for (const file of files) {
      const text = readFileSync(new URL(file, source), "utf8");
      expect(text, file).not.to.match(/\.evaluate\(|\.compile\(|\beval\(|new Function\b|\bFunction\(/);
    }
  });
});
