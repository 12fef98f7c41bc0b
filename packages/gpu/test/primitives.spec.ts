import { cpu } from "@nabla/tensor";
import { expectAllclose } from "@nabla/testing";
import { gpuJsBackend, gpujsModeStatus, type GpuJsMode } from "../src/index.js";
import { operands, primitiveCases } from "./helpers/cases.js";

// Every primitive on each gpu.js mode that runs in Node, against the float64 CPU backend.
for (const mode of ["webasm", "cpu"] as GpuJsMode[]) {
  describe(`primitives on gpu.js ${mode}`, function () {
    before(function () {
      const status = gpujsModeStatus(mode);
      if (!status.available) this.skip();
    });
    const backend = gpujsModeStatus(mode).available ? gpuJsBackend({ mode }) : undefined;
    primitiveCases.forEach((c, index) => {
      it(c.name, function () {
        const expected = c.op(...operands(c, index, cpu, "float64"));
        const actual = c.op(...operands(c, index, backend!, "float32"));
        expectAllclose(actual.toArray(), expected.toArray(), { rtol: c.rtol ?? 2e-6, atol: c.atol ?? 1e-6 }, c.name);
      });
    });
  });
}
