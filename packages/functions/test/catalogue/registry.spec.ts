import { hessian, jacrev, vmap } from "@nabla/autodiff";
import { tensor } from "@nabla/tensor";
import { expect } from "chai";
import { catalogue, functionIds, getFunction, hasFunction, UnknownFunctionIdError } from "../../src/index.js";
import { expectAllclose } from "@nabla/testing";
import { randomPoints } from "../helpers/random.js";

describe("catalogue: registry", () => {
  it("lists fexample first, then the classics and the PDR toy, with distinct ids", () => {
    expect(functionIds()).to.deep.equal(["fexample", "rosenbrock", "himmelblau", "branin", "gaussian-bump", "trig-exp-log", "pdr-toy"]);
    expect(catalogue[0]!.id).to.equal("fexample");
  });

  it("finds an entry by id", () => {
    for (const fn of catalogue) {
      expect(getFunction(fn.id)).to.equal(fn);
      expect(hasFunction(fn.id)).to.equal(true);
    }
    expect(hasFunction("constructor")).to.equal(false);
  });

  it("names the unknown id and lists the known ones", () => {
    expect(() => getFunction("rosenbrok")).to.throw(
      UnknownFunctionIdError,
      /unknown function id "rosenbrok"; expected one of: fexample, rosenbrock, .*pdr-toy/,
    );
    expect(() => getFunction("toString")).to.throw(UnknownFunctionIdError);
  });

  for (const fn of catalogue) {
    describe(fn.id, () => {
      const n = fn.inputs.length;
      const m = fn.outputs.length;

      it("has a consistent description: ranges, defaults inside them, LaTeX", () => {
        expect(fn.title).to.be.a("string").and.not.equal("");
        expect(fn.latex).to.contain("\\longmapsto");
        expect(fn.ranges).to.have.length(n);
        expect(fn.defaults).to.have.length(n);
        fn.ranges.forEach(([low, high], i) => {
          expect(low).to.be.below(high);
          expect(fn.defaults[i]).to.be.within(low, high);
        });
      });

      it("maps [nIn] to [nOut], [N, nIn] to [N, nOut] and [B, N, nIn] to [B, N, nOut], point by point", () => {
        const P = randomPoints(fn, 6, 7);
        const batch = fn.f(tensor(P));
        expect(batch.shape).to.deep.equal([6, m]);
        P.forEach((p, k) => {
          const one = fn.f(tensor(p));
          expect(one.shape).to.deep.equal([m]);
          expectAllclose(one, (batch.toArray() as number[][])[k]!, { rtol: 0, atol: 0 }, `point ${k}`);
        });
        const nested = fn.f(tensor([P.slice(0, 3), P.slice(3)]));
        expect(nested.shape).to.deep.equal([2, 3, m]);
        expectAllclose(
          nested,
          [(batch.toArray() as number[][]).slice(0, 3), (batch.toArray() as number[][]).slice(3)],
          { rtol: 0, atol: 0 },
          "[B, N, nIn]",
        );
      });

      it("gives Jacobians [N, nOut, nIn] and Hessians [N, nOut, nIn, nIn] under vmap, finite at the defaults", () => {
        const X = tensor([fn.defaults as number[]]);
        const J = vmap(jacrev(fn.f))(X);
        const H = vmap(hessian(fn.f))(X);
        expect(J.shape).to.deep.equal([1, m, n]);
        expect(H.shape).to.deep.equal([1, m, n, n]);
        expect(Array.from(J.data()).every(Number.isFinite)).to.equal(true);
        expect(Array.from(H.data()).every(Number.isFinite)).to.equal(true);
      });
    });
  }
});
