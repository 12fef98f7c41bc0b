import { expect } from "chai";
import { cpuKernelsRun, expectAllclose, seededUniform } from "@nabla/testing";
import * as t from "@nabla/tensor";
import {
  chooseHessianMethod,
  countWork,
  derivativesUpTo,
  grad,
  hessian,
  jacfwd,
  jacrev,
  jvp,
  secondOrder,
  valueAndGrad,
  vjp,
  vmap,
} from "@nabla/autodiff";

const g3 = (x: t.Tensor): t.Tensor =>
  t.stack([t.mul(t.sin(t.take(x, 0)), t.exp(t.take(x, 1))), t.log(t.add(t.square(t.take(x, 2)), 1)), t.tanh(t.sum(t.mul(x, x)))]);
const X = t.tensor(seededUniform(7, 5 * 3), [5, 3]);
const x0 = t.take(X, 0, 0);

describe("compositions agree", () => {
  it("jacfwd equals jacrev", () => {
    expectAllclose(jacfwd(g3)(x0), jacrev(g3)(x0), { rtol: 1e-13, atol: 1e-15 });
  });

  it("counts a function's work on shapes: matrix-product flops, and the values everything else writes", () => {
    const w = t.tensor(seededUniform(3, 10), [2, 5]);
    const f = (x: t.Tensor) => t.sum(t.gelu(t.add(t.matmul(x, w), 1)));
    expect(countWork(f, t.zeros([2]))).to.deep.equal({ matmulFlops: 2 * 2 * 5, values: 5 + 5 + 1 });
    expect(countWork(f, t.zeros([7, 2]))).to.deep.equal({ matmulFlops: 7 * 2 * 2 * 5, values: 7 * 10 + 1 });
  });

  it("the hessian methods agree, and auto picks by size", () => {
    expect(chooseHessianMethod(2, 3)).to.equal("taylor");
    expect(chooseHessianMethod(50, 1)).to.equal("fwdrev");
    // With f's work (measured on the CPU backend): 4 inputs → 1 output gathers its second derivatives in reverse, on
    // 100-wide layers (45 against 59 ms for Taylor mode) as on Meudon-scale's (7.7 against 13.0 s for forward-over-reverse);
    // 2 inputs → 3 outputs stays in Taylor mode (30 against 44 ms on 100-wide layers).
    expect(chooseHessianMethod(4, 1, { matmulFlops: 21000, values: 401 })).to.equal("taylorrev");
    expect(chooseHessianMethod(4, 1, { matmulFlops: 1.4e6, values: 6639 })).to.equal("taylorrev");
    expect(chooseHessianMethod(2, 3, { matmulFlops: 21000, values: 403 })).to.equal("taylor");
    expect(chooseHessianMethod(2, 3, { matmulFlops: 1.4e6, values: 6639 })).to.equal("taylor");
    expect(chooseHessianMethod(4, 1, { matmulFlops: 1.4e6, values: 6639 }, ["taylor", "fwdrev"])).to.equal("fwdrev");
    const ref = hessian(g3, { method: "revrev" })(x0);
    expectAllclose(hessian(g3, { method: "taylor" })(x0), ref, { rtol: 1e-12, atol: 1e-14 });
    expectAllclose(hessian(g3, { method: "taylorrev" })(x0), ref, { rtol: 1e-12, atol: 1e-14 });
    expectAllclose(hessian(g3, { method: "fwdfwd" })(x0), ref, { rtol: 1e-12, atol: 1e-14 });
    expectAllclose(hessian(g3, { method: "fwdrev" })(x0), ref, { rtol: 1e-12, atol: 1e-14 });
    expectAllclose(hessian(g3)(x0), ref, { rtol: 1e-12, atol: 1e-14 });
  });

  for (const method of ["auto", "taylor", "taylorrev"] as const) {
    it(`secondOrder (${method}) gives value, Jacobian and Hessian at once, for tree outputs too`, () => {
      const h = (x: t.Tensor) => ({ a: g3(x), b: [t.sum(t.exp(x))] });
      const r = vmap(secondOrder(h, { method }))(X) as { value: any; jacobian: any; hessian: any };
      expectAllclose(r.value.a, vmap(g3)(X), { rtol: 0 });
      expectAllclose(r.jacobian.a, vmap(jacrev(g3))(X), { rtol: 1e-13, atol: 1e-15 });
      expectAllclose(r.hessian.a, vmap(hessian(g3, { method: "revrev" }))(X), { rtol: 1e-12, atol: 1e-14 });
      expectAllclose(r.hessian.b[0], vmap((x: t.Tensor) => hessian((y: t.Tensor) => t.sum(t.exp(y)), { method: "fwdfwd" })(x))(X), { rtol: 1e-13 });
    });
  }

  it("secondOrder's reverse gathering differentiates in turn: third derivatives equal forward mode's", () => {
    const f = (x: t.Tensor) => t.stack([t.sum(t.mul(t.sin(x), t.exp(t.take(x, 0)))), t.tanh(t.sum(t.mul(x, x)))]);
    const third = jacfwd(hessian(f, { method: "taylorrev" }))(x0);
    expectAllclose(third, jacfwd(jacfwd(jacfwd(f)))(x0), { rtol: 1e-12, atol: 1e-14 });
    expectAllclose(jacrev(hessian(f, { method: "taylorrev" }))(x0), third, { rtol: 1e-12, atol: 1e-14 });
  });

  it("derivativesUpTo takes forward-over-reverse where it is the cheapest (20 inputs → 1 output), with the same values", () => {
    const f = (x: t.Tensor) => t.reshape(t.sum(t.mul(t.sin(x), x)), [1]);
    const x20 = t.tensor(seededUniform(11, 20), [20]);
    expect(chooseHessianMethod(20, 1, countWork(f, x20))).to.equal("fwdrev");
    const X20 = t.tensor(seededUniform(12, 3 * 20), [3, 20]);
    const { value, jacobian, hessian: h } = derivativesUpTo(f, 2, x20)(X20);
    expectAllclose(value, vmap(f)(X20), { rtol: 0 });
    expectAllclose(jacobian!, vmap(jacrev(f))(X20), { rtol: 1e-13, atol: 1e-15 });
    expectAllclose(h!, vmap(hessian(f, { method: "revrev" }))(X20), { rtol: 1e-12, atol: 1e-14 });
  });

  it("secondOrder names an unknown method", () => {
    expect(() => secondOrder(g3, { method: "taylorev" as "taylor" })).to.throw(
      /secondOrder: unknown method "taylorev"; expected "auto", "taylor" or "taylorrev"/,
    );
  });

  it("vmap(f)(X) equals the stack of f(x)", () => {
    const loop = t.stack(Array.from({ length: 5 }, (_, i) => jacrev(g3)(t.take(X, i, 0))));
    expectAllclose(vmap(jacrev(g3))(X), loop, { rtol: 1e-14 });
  });

  it("keeps a batch axis behind leading coefficient axes where it lies (reshape, matmul by a matrix, transpose), with a loop's values and no copy moving it", () => {
    // Per example: [2, 3, 4] → [2, 12] → @ W [12, 5] → transposed [5, 2]; the batch axis given second, behind the leading 2.
    const W = t.tensor(seededUniform(30, 60), [12, 5]);
    const f = (x: t.Tensor) => t.transpose(t.matmul(t.reshape(x, [2, 12]), W), [1, 0]);
    const batch = t.tensor(seededUniform(31, 2 * 6 * 3 * 4), [2, 6, 3, 4]);
    const loop = t.stack(Array.from({ length: 6 }, (_, b) => f(t.take(batch, b, 1))));
    const transposes = cpuKernelsRun(() => vmap(f, { inAxes: 1 })(batch)).filter((k) => k.prim === t.Prim.Transpose);
    expectAllclose(vmap(f, { inAxes: 1 })(batch), loop, { rtol: 1e-14, atol: 1e-15 });
    // One transpose, the function's own, which also brings the batch axis first.
    expect(transposes.map((k) => k.shape)).to.deep.equal([[6, 5, 2]]);
  });

  it("chunked and unchunked results are identical", () => {
    expectAllclose(vmap(hessian(g3), { chunkSize: 2 })(X), vmap(hessian(g3))(X), { rtol: 0 });
    expectAllclose(vmap(jacfwd(g3, { chunkSize: 1 }))(X), vmap(jacfwd(g3))(X), { rtol: 0 });
    expectAllclose(vmap(jacrev(g3, { chunkSize: 2 }))(X), vmap(jacrev(g3))(X), { rtol: 0 });
  });

  it("nests to any depth: vmap(vmap(f)), jacfwd(vmap(f)), jacrev(jacrev(f)), grad(grad(g))", () => {
    const X3 = t.reshape(X, [5, 1, 3]);
    expectAllclose(vmap(vmap(g3))(X3), t.reshape(vmap(g3)(X), [5, 1, 3]), { rtol: 0 });
    // d/dX of vmap(g3): block diagonal, the per-row Jacobians on the diagonal.
    const J = jacfwd(vmap(g3))(X) as t.Tensor; // [5, 3, 5, 3]
    const rows = vmap(jacrev(g3))(X) as t.Tensor;
    for (let i = 0; i < 5; i++) {
      expectAllclose(t.take(t.take(J, i, 0), i, 1), t.take(rows, i, 0), { rtol: 1e-13, atol: 1e-15 });
      if (i > 0) expectAllclose(t.take(t.take(J, i, 0), 0, 1), t.zeros([3, 3]), { atol: 0 });
    }
    expectAllclose(jacrev(jacrev(g3))(x0), hessian(g3)(x0), { rtol: 1e-12, atol: 1e-14 });
    const cube = (x: t.Tensor) => t.sum(t.pow(x, 3));
    // d²/dx² of Σx³ summed: grad(grad) needs a scalar inner function.
    const second = grad((x: t.Tensor) => t.sum(grad(cube)(x) as t.Tensor))(t.tensor([1, -2, 0.5]));
    expectAllclose(second, [6, -12, 3], { rtol: 1e-15 });
    const third = jacfwd(jacfwd(jacfwd((x: t.Tensor) => t.pow(x, 4))))(t.tensor(1.5));
    expectAllclose([third.item()], [24 * 1.5], { rtol: 1e-13 });
  });

  it("jvp and vjp of the same function agree on a random direction", () => {
    const v = t.tensor([0.3, -1.2, 0.7]),
      w = t.tensor([1.1, 0.4, -0.9]);
    const [, dy] = jvp(g3, [x0], [v]);
    const [, back] = vjp(g3, x0);
    const [ct] = back(w);
    expectAllclose([t.sum(t.mul(dy, w)).item()], [t.sum(t.mul(ct!, v)).item()], { rtol: 1e-14 });
  });
});

describe("arguments and outputs", () => {
  const f2 = (a: t.Tensor, b: t.Tensor) => ({ p: t.mul(a, b), s: t.sum(t.add(a, t.square(b))) });
  const a = t.tensor([1, 2]),
    b = t.tensor([3, -1]);

  it("differentiates several arguments and object outputs", () => {
    const J = jacrev(f2, { argnums: [0, 1] })(a, b) as { p: t.Tensor[]; s: t.Tensor[] };
    expectAllclose(J.p[0]!, [
      [3, 0],
      [0, -1],
    ]);
    expectAllclose(J.p[1]!, [
      [1, 0],
      [0, 2],
    ]);
    expectAllclose(J.s[0]!, [1, 1]);
    expectAllclose(J.s[1]!, [6, -2]);
    const Jf = jacfwd(f2, { argnums: [0, 1] })(a, b) as { p: t.Tensor[]; s: t.Tensor[] };
    expectAllclose(Jf.p[1]!, J.p[1]!);
    expectAllclose(Jf.s[0]!, J.s[0]!);
  });

  it("returns aux values untouched with hasAux", () => {
    const f = (x: t.Tensor) => [t.sum(t.square(x)), { norm: t.sqrt(t.sum(t.square(x))), tag: "kept" }];
    const [g, aux] = grad(f, { hasAux: true })(t.tensor([3, 4]));
    expectAllclose(g, [6, 8]);
    expect(aux.norm.item()).to.equal(5);
    expect(aux.norm).to.be.instanceOf(t.Tensor);
    expect(aux.tag).to.equal("kept");
    const [J, aux2] = jacfwd(f, { hasAux: true })(t.tensor([3, 4]));
    expectAllclose(J, [6, 8]);
    expect(aux2.norm.item()).to.equal(5);
    const [[value], g2] = valueAndGrad(f, { hasAux: true })(t.tensor([3, 4]));
    expect(value.item()).to.equal(25);
    expectAllclose(g2, [6, 8]);
  });

  it("maps some arguments and shares others, with outAxes", () => {
    const f = (x: t.Tensor, w: t.Tensor) => t.matmul(w, x);
    const W = t.tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const out = vmap(f, { inAxes: [1, null], outAxes: 1 })(
      t.tensor([
        [1, 0, 2],
        [0, 1, 1],
      ]),
      W,
    );
    expectAllclose(
      out,
      t.matmul(
        W,
        t.tensor([
          [1, 0, 2],
          [0, 1, 1],
        ]),
      ),
    );
    // An output that does not depend on the mapped input is broadcast.
    const c = vmap((x: t.Tensor) => [x, t.tensor([7])])(t.tensor([1, 2, 3])) as t.Tensor[];
    expectAllclose(c[1]!, [[7], [7], [7]]);
  });
});

describe("errors a user can act on", () => {
  it("vmap names the arguments whose mapped sizes differ", () => {
    expect(() => vmap(t.add)(t.zeros([3, 2]), t.zeros([4, 2]))).to.throw(
      /vmap: mapped sizes differ: argument 0 \(shape \[3, 2\], axis 0\) has 3 entries but argument 1 \(shape \[4, 2\], axis 0\) has 4/,
    );
    expect(() => vmap(t.add, { inAxes: [0] })(t.zeros([3]), t.zeros([3]))).to.throw(/inAxes \(one per argument\) has 1 entry; expected 2/);
    expect(() => vmap(t.neg, { inAxes: null })(t.zeros([3]))).to.throw(/no argument is mapped/);
  });

  it("grad asks for a scalar and names the shape", () => {
    expect(() => grad((x: t.Tensor) => t.mul(x, 2))(t.tensor([1, 2]))).to.throw(
      /grad: the function must return one scalar, got shape \[2\]; use jacrev/,
    );
  });

  it("a function that returns no tensor is reported", () => {
    expect(() => jacrev((_: t.Tensor) => [])(t.tensor([1]))).to.throw(/jacrev: the function returned no tensor/);
    expect(() => vmap((_: t.Tensor) => 3 as unknown as t.Tensor)(t.tensor([1]))).to.throw(/vmap: the function's output: expected a Tensor/);
  });

  it("reading values inside a transform explains why it cannot", () => {
    expect(() => grad((x: t.Tensor) => t.tensor(x.data()[0]!))(t.tensor(1))).to.throw(t.ConcretizationError, /inside a transform/);
  });

  it("argnums out of range or on a non-tensor are named", () => {
    expect(() => jacfwd(t.add, { argnums: 2 })(t.tensor(1), t.tensor(2))).to.throw(
      /argnums 2 is out of range: the function was called with 2 argument/,
    );
    expect(() => grad((x: t.Tensor, s: number) => t.mul(x, s), { argnums: 1 })(t.tensor(1), 2)).to.throw(
      /argument 1 is differentiated \(argnums\) but is number/,
    );
  });

  it("jvp checks tangent shapes", () => {
    expect(() => jvp(t.sin, [t.zeros([2])], [t.zeros([3])])).to.throw(/jvp: tangent 0 has shape \[3\] but its primal has shape \[2\]/);
  });
});

describe("derivatives keep their relative accuracy in the tails", () => {
  it("expm1, tanh and sigmoid far from 0", () => {
    expectAllclose([(grad(t.expm1)(t.tensor(-30)) as t.Tensor).item()], [Math.exp(-30)], { rtol: 1e-14 });
    expectAllclose([(grad(t.tanh)(t.tensor(20)) as t.Tensor).item()], [1 / Math.cosh(20) ** 2], { rtol: 1e-14 });
    expectAllclose([(grad(t.sigmoid)(t.tensor(40)) as t.Tensor).item()], [Math.exp(-40) / (1 + Math.exp(-40)) ** 2], { rtol: 1e-14 });
    expectAllclose([(grad(t.sigmoid)(t.tensor(-40)) as t.Tensor).item()], [Math.exp(-40) / (1 + Math.exp(-40)) ** 2], { rtol: 1e-14 });
  });
});

describe("activations' derivatives at their kinks follow PyTorch", () => {
  it("relu 0, leakyRelu its slope, elu its alpha, at x = 0", () => {
    const at0 = (f: (x: t.Tensor) => t.Tensor) => (grad(f)(t.tensor(0)) as t.Tensor).item();
    expect(at0(t.relu)).to.equal(0);
    expect(at0((x) => t.leakyRelu(x, 0.1))).to.equal(0.1);
    expect(at0((x) => t.elu(x, 0.5))).to.equal(0.5);
  });
});
