import { expect } from "chai";
import { expectAllclose, loadReference, seedMlp } from "@nabla/testing";
import { tensor } from "@nabla/tensor";
import { derivativesUpTo, hessian, jacfwd, jacrev, secondOrder, vmap } from "@nabla/autodiff";
import { fexample } from "../seed.js";
// The CPU backend's count of kernel shares handed to helper threads (the same module as @nabla/tensor's, from its sources).
import { defaultKernelThreads, helperShares } from "../../../tensor/src/backends/cpu/wasm/helpers.js";

describe("against PyTorch's float64 references", () => {
  it("Fexample: vmap(jacrev) and vmap(hessian) equal fexample.json to 1e-12", () => {
    const ref = loadReference("fexample");
    const X = tensor(ref.points);
    expectAllclose(fexample(X), ref.value, { rtol: 1e-12, atol: 1e-12 }, "value");
    expectAllclose(vmap(jacrev(fexample))(X), ref.jacobian, { rtol: 1e-12, atol: 1e-12 }, "jacobian");
    expectAllclose(vmap(hessian(fexample))(X), ref.hessian, { rtol: 1e-12, atol: 1e-12 }, "hessian");
  });

  it("the seed MLP [2,100,100,3] GELU: value, Jacobian and Hessian equal seed-net.json to 1e-9", () => {
    const ref = loadReference("seed-net");
    const net = seedMlp();
    const X = tensor(ref.points);
    const tol = { rtol: 1e-9, atol: 1e-12 };
    expectAllclose(net(X), ref.value, tol, "value");
    expectAllclose(vmap(jacrev(net))(X), ref.jacobian, tol, "jacrev");
    expectAllclose(vmap(jacfwd(net))(X), ref.jacobian, tol, "jacfwd");
    for (const method of ["auto", "taylor", "taylorrev", "fwdfwd", "fwdrev", "revrev"] as const) {
      expectAllclose(vmap(hessian(net, { method }))(X), ref.hessian, tol, `hessian ${method}`);
    }
    for (const method of ["auto", "taylor", "taylorrev"] as const) {
      const all = vmap(secondOrder(net, { method }))(X);
      expectAllclose(all.value, ref.value, tol, `secondOrder ${method} value`);
      expectAllclose(all.jacobian, ref.jacobian, tol, `secondOrder ${method} jacobian`);
      expectAllclose(all.hessian, ref.hessian, tol, `secondOrder ${method} hessian`);
    }
  });

  it("derivativesUpTo: the seed MLP's value, Jacobian and Hessian to each order equal seed-net.json to 1e-9", () => {
    const ref = loadReference("seed-net");
    const net = seedMlp();
    const X = tensor(ref.points);
    const tol = { rtol: 1e-9, atol: 1e-12 };
    const x0 = tensor([0, 0]);
    expect(Object.keys(derivativesUpTo(net, 0, x0)(X))).to.deep.equal(["value"]);
    const first = derivativesUpTo(net, 1, x0)(X);
    expect(Object.keys(first)).to.deep.equal(["value", "jacobian"]);
    expectAllclose(first.jacobian!, ref.jacobian, tol, "order 1 jacobian");
    const all = derivativesUpTo(net, 2, x0)(X);
    expectAllclose(all.value, ref.value, tol, "value");
    expectAllclose(all.jacobian!, ref.jacobian, tol, "jacobian");
    expectAllclose(all.hessian!, ref.hessian, tol, "hessian");
  });

  it("the seed MLP on 12,000 points (the references 40 times): kernels split between threads, every copy equal to seed-net.json to 1e-9", () => {
    const ref = loadReference("seed-net");
    const copies = 40;
    const repeat = <T>(rows: readonly T[]): T[] => Array.from({ length: copies }, () => rows).flat() as T[];
    const X = tensor(repeat(ref.points));
    const before = helperShares();
    const all = vmap(secondOrder(seedMlp()))(X);
    if (defaultKernelThreads() > 1) expect(helperShares() - before, "shares handed to helper threads").to.be.above(0);
    const tol = { rtol: 1e-9, atol: 1e-12 };
    expectAllclose(all.value, repeat(ref.value), tol, "value");
    expectAllclose(all.jacobian, repeat(ref.jacobian), tol, "jacobian");
    expectAllclose(all.hessian, repeat(ref.hessian), tol, "hessian");
  });
});
