import { expect } from "chai";
import { vmap } from "@nabla/autodiff";
import { ConcretizationError, cpu, exp, tensor, type Tensor } from "@nabla/tensor";
import { gpuJsBackend, readTensor, readTensors } from "../src/index.js";

describe("readback", function () {
  it("reads tensors of any backend", async function () {
    const backend = gpuJsBackend({ mode: "cpu" });
    expect(Array.from(await readTensor(tensor([1, 2], [2], { backend, dtype: "float32" })))).to.deep.equal([1, 2]);
    const [a, b] = await readTensors([tensor([3], [1]), exp(tensor([0], [1], { backend: cpu }))]);
    expect([a![0], b![0]]).to.deep.equal([3, 1]);
  });

  it("refuses a traced tensor, as data() does", async function () {
    let read: Promise<unknown> | undefined;
    vmap((x: Tensor) => {
      read = readTensor(x);
      return x;
    })(tensor([1, 2], [2]));
    let error: unknown;
    try {
      await read;
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConcretizationError);
  });
});
