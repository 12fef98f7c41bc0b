import { expect } from "chai";
import { add, BackendMismatchError, broadcastTo, exp, gelu, matmul, mul, reshape, tensor, type Tensor } from "@nabla/tensor";
import { GpuBufferError, gpuJsBackend, GPUJS_MAX_ELEMENTS, GpuOptionError, GpuSizeError, ModeUnavailableError } from "../../src/index.js";

describe("gpujs/backend", function () {
  const backend = gpuJsBackend({ mode: "webasm" });
  const t = (values: number[], shape: number[]): Tensor => tensor(values, shape, { backend, dtype: "float32" });

  it("compiles one kernel per primitive and shape, and reuses it", function () {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3]),
      b = t([1, 1, 1], [3]);
    const before = backend.compiledKernels;
    add(a, b);
    add(a, b);
    add(mul(a, 2), b);
    expect(backend.compiledKernels - before).to.equal(2); // add [2,3]+[3], mul [2,3]·[]
    add(t([1, 2], [2]), t([3, 4], [2]));
    expect(backend.compiledKernels - before).to.equal(3);
  });

  it("keeps a kernel's result as the next kernel's operand, in float32", function () {
    const x = t([0.1, 0.2, 0.3], [3]);
    const y = exp(gelu(x));
    expect(y.dtype).to.equal("float32");
    expect(y.data()).to.be.instanceOf(Float32Array);
  });

  it("reads float64 tensors back as float64 arrays of float32 values", function () {
    const x = tensor([0.1, 0.2], [2], { backend, dtype: "float64" });
    const data = mul(x, 1).data();
    expect(data).to.be.instanceOf(Float64Array);
    expect(data[0]).to.equal(Math.fround(0.1));
  });

  it("refuses tensors above 2^24 elements, where float32 indices stop being exact", function () {
    const x = t([1], [1]);
    expect(() => broadcastTo(x, [GPUJS_MAX_ELEMENTS + 1])).to.throw(GpuSizeError, /above the 16777216 .* evaluate fewer points/);
  });

  it("refuses buffers of another backend", function () {
    const other = gpuJsBackend({ mode: "webasm" });
    const x = t([1, 2], [2]);
    expect(() => other.run("exp" as never, [x as never], {} as never, { shape: [2], dtype: "float32" })).to.throw(GpuBufferError, /another backend/);
    expect(() => matmul(reshape(x, [1, 2]), tensor([[1], [2]]))).to.throw(BackendMismatchError);
  });

  it("refuses a mode it does not know, or one that cannot run here", function () {
    expect(() => gpuJsBackend({ mode: "cuda" as never })).to.throw(GpuOptionError, /unknown mode "cuda"/);
    if (typeof document === "undefined")
      expect(() => gpuJsBackend({ mode: "webgl2" })).to.throw(ModeUnavailableError, /WebGL2 needs a browser canvas/);
  });

  it("cannot be used after dispose()", function () {
    const b = gpuJsBackend({ mode: "cpu" });
    const x = tensor([1, 2], [2], { backend: b, dtype: "float32" });
    b.dispose();
    expect(() => exp(x)).to.throw(GpuBufferError, /after dispose/);
  });
});
