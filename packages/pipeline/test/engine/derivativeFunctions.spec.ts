import { expect } from "chai";
import { resolveFunction } from "@nabla/functions";
import { cpuCompute } from "../../src/engine/backends.js";
import { DerivativeFunctions, KEPT_TARGETS } from "../../src/engine/derivativeFunctions.js";
import type { Target } from "../../src/targets/target.js";

describe("DerivativeFunctions", () => {
  const fexample = resolveFunction("fexample");
  const target = (): Target => ({
    info: { kind: "function", title: fexample.title, inputs: fexample.inputs, outputs: fexample.outputs },
    nOut: 3,
    f: fexample.f,
  });

  it(`keeps one function per target, order and backend, for the last ${KEPT_TARGETS} targets`, () => {
    const functions = new DerivativeFunctions();
    const targets = Array.from({ length: KEPT_TARGETS + 1 }, target);
    const first = functions.of(targets[0]!, 2, cpuCompute);
    expect(functions.of(targets[0]!, 2, cpuCompute), "the same target and order").to.equal(first);
    expect(functions.of(targets[0]!, 1, cpuCompute), "another order").to.not.equal(first);
    const later = targets.slice(1).map((t) => functions.of(t, 2, cpuCompute));
    expect(functions.of(targets[KEPT_TARGETS]!, 2, cpuCompute), "the last target, still kept").to.equal(later[later.length - 1]);
    expect(functions.of(targets[0]!, 2, cpuCompute), "the first, dropped as the least recently used").to.not.equal(first);
  });
});
