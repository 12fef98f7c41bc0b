import { expect } from "chai";
import { cpuKernelsRun, expectAllclose, loadReference, seededUniform, seedMlp, type KernelRun } from "@nabla/testing";
import { add, exp, geluStack, matmul, mul, Prim, reshape, sin, sum, take, tensor, type PrimParams, type Tensor } from "@nabla/tensor";
import { FOLDED_MAX_VALUES, hessian, jacfwd, jit, JIT_PROGRAMS, secondOrder, TransformError, TreeMismatchError, vmap } from "@nabla/autodiff";

const points = (seed: number, n: number): Tensor => tensor(seededUniform(seed, 2 * n), [n, 2]);
const bits = (t: Tensor): number[] => Array.from(t.data());
/** `w` [3, n] repeated column-wise to more than `values` / 6 columns: a matrix that, folded with a [2, 3] scaling, passes `values`. */
const repeatColumns = (w: Tensor, values: number): Tensor => {
  const times = Math.ceil(values / 6 / w.shape[1]!) + 1;
  return reshape(take(reshape(w, [3, 1, w.shape[1]!]), Array(times).fill(0), 1), [3, times * w.shape[1]!]);
};

describe("jit", () => {
  const net = seedMlp();

  it("the seed MLP's value, Jacobian and Hessian from the recorded program equal seed-net.json to 1e-9, and the interpreted transforms bit for bit", () => {
    const ref = loadReference("seed-net");
    const X = tensor(ref.points);
    const all = jit(vmap(secondOrder(net)));
    const eager = vmap(secondOrder(net))(X);
    for (let call = 0; call < 2; call++) {
      const { value, jacobian, hessian: H } = all(X);
      const tol = { rtol: 1e-9, atol: 1e-12 };
      expectAllclose(value, ref.value, tol, `value, call ${call}`);
      expectAllclose(jacobian, ref.jacobian, tol, `jacobian, call ${call}`);
      expectAllclose(H, ref.hessian, tol, `hessian, call ${call}`);
      expect(bits(H)).to.deep.equal(bits(eager.hessian));
      expect(bits(jacobian)).to.deep.equal(bits(eager.jacobian));
    }
  });

  it("writes a call's intermediates into the last call's buffers, never into the results it returned", () => {
    // Large enough for the kernels' threads and shared buffers: 3000 points.
    const J = jit(vmap(jacfwd(net)));
    const [A, B] = [points(1, 3000), points(2, 3000)];
    const first = J(A);
    const kept = bits(first);
    const second = J(B);
    expect(bits(first), "the first result after the second call").to.deep.equal(kept);
    expect(bits(second)).to.deep.equal(bits(jit(vmap(jacfwd(net)))(B)));
    expect(bits(J(A))).to.deep.equal(kept);
  });

  it("records once per shape of its arguments, and runs the work on constants alone once", () => {
    let recorded = 0;
    const W = tensor(seededUniform(3, 6), [2, 3]);
    const f = jit((x: Tensor) => {
      recorded++;
      return matmul(x, exp(W));
    });
    const x = points(4, 5);
    const eager = matmul(x, exp(W));
    const runs = cpuKernelsRun(() => {
      for (let i = 0; i < 3; i++) expect(bits(f(x))).to.deep.equal(bits(eager));
    });
    expect(recorded).to.equal(1);
    expect(runs.map((r) => r.prim)).to.deep.equal([Prim.Exp, Prim.Matmul, Prim.Matmul, Prim.Matmul]);
    f(points(5, 7));
    expect(recorded, "a new shape").to.equal(2);
    f(x);
    expect(recorded, "the first shape, still kept").to.equal(2);
  });

  it("runs only what the outputs need: jacfwd's and hessian's dropped values are not computed", () => {
    const f = jit((x: Tensor) => {
      exp(x);
      return sin(x);
    });
    const x = points(11, 3);
    f(x);
    expect(cpuKernelsRun(() => f(x)).map((r) => r.prim)).to.deep.equal([Prim.Sin]);
    // The seed MLP's Hessian in Taylor mode: the value's and the Jacobian's products through the last layer are dropped.
    const H = jit(vmap(hessian(net)));
    const X = points(12, 50);
    const lastLayer = (runs: readonly KernelRun[]) => runs.filter((r) => r.prim === Prim.Matmul && r.shape.at(-1) === 3).length;
    expect(lastLayer(cpuKernelsRun(() => vmap(hessian(net))(X)))).to.equal(3);
    H(X);
    expect(lastLayer(cpuKernelsRun(() => H(X)))).to.equal(1);
  });

  it(`keeps ${JIT_PROGRAMS} programs, dropping the least recently used`, () => {
    let recorded = 0;
    const f = jit((x: Tensor) => {
      recorded++;
      return sin(x);
    });
    for (let n = 1; n <= JIT_PROGRAMS + 1; n++) f(points(n, n));
    expect(recorded).to.equal(JIT_PROGRAMS + 1);
    f(points(0, JIT_PROGRAMS + 1));
    expect(recorded, "the last shape is kept").to.equal(JIT_PROGRAMS + 1);
    f(points(0, 1));
    expect(recorded, "the first shape was dropped").to.equal(JIT_PROGRAMS + 2);
  });

  it("adds a layer's bias in its product's kernel: the seed MLP jitted runs no addition, and gives the interpreted net's bits", () => {
    const X = points(8, 500);
    const forward = jit(net);
    forward(X);
    let out: Tensor | undefined;
    const runs = cpuKernelsRun(() => (out = forward(X)));
    expect(runs.filter((r) => r.prim === Prim.Add)).to.deep.equal([]);
    expect(runs.filter((r) => r.prim === Prim.Matmul)).to.have.length(3);
    expect(bits(out!)).to.deep.equal(bits(net(X)));
    const H = jit(vmap(hessian(net)));
    const eager = bits(vmap(hessian(net))(X));
    expect(cpuKernelsRun(() => expect(bits(H(X))).to.deep.equal(eager)).filter((r) => r.prim === Prim.Add)).to.deep.equal([]);
  });

  it("keeps the addition where the product is read elsewhere, or its bias is computed after it", () => {
    const W = tensor(seededUniform(9, 9), [3, 3]);
    const cases: [string, (x: Tensor) => Tensor][] = [
      ["read twice", (x) => ((p) => mul(add(p, tensor([1, 2, 3])), p))(matmul(x, W))],
      ["bias after", (x) => ((p) => add(p, sin(take(x, 0, 0))))(matmul(x, W))],
    ];
    const x = tensor(seededUniform(10, 12), [4, 3]);
    for (const [what, f] of cases) {
      const [jitted, eager] = [jit(f), bits(f(x))];
      const runs = cpuKernelsRun(() => expect(bits(jitted(x)), what).to.deep.equal(eager));
      expect(
        runs.map((r) => r.prim),
        what,
      ).to.include(Prim.Add);
    }
  });

  it("folds the first layer's constant tangents into the next product and scales the last layer's in its product: the seed MLP's jacfwd runs no multiplication", () => {
    const ref = loadReference("seed-net");
    const X = tensor(ref.points);
    const J = jit(vmap(jacfwd(net)));
    J(X);
    let jacobian: Tensor | undefined;
    const runs = cpuKernelsRun(() => (jacobian = J(X)));
    expect(runs.filter((r) => r.prim === Prim.Mul)).to.deep.equal([]);
    // The two tangents of the first layer times the second's weights: one product of 2·100 columns.
    expect(runs.filter((r) => r.prim === Prim.Matmul).map((r) => r.shape)).to.deep.include([X.shape[0], 200]);
    expect(runs.filter((r) => r.prim === Prim.Matmul && (r.params as PrimParams[Prim.Matmul]).scalePeriod === 2)).to.have.length(1);
    expectAllclose(jacobian!, ref.jacobian, { rtol: 1e-9, atol: 1e-12 });
    // (c⊙x)·w and x·(c⊙w) differ by rounding: relative to the Jacobian's size, at the level of float64's.
    const [jitted, eager] = [jacobian!.data(), vmap(jacfwd(net))(X).data()];
    const size = Math.max(...Array.from(eager, Math.abs));
    expect(Math.max(...Array.from(jitted, (v, i) => Math.abs(v - eager[i]!))) / size).to.be.below(1e-14);
  });

  it("folds a scaling only into a constant matrix, read nowhere else, up to FOLDED_MAX_VALUES", () => {
    const c = tensor(seededUniform(20, 6), [2, 3]);
    const W = tensor(seededUniform(21, 12), [3, 4]);
    const x = tensor(seededUniform(22, 15), [5, 1, 3]);
    const big = tensor(seededUniform(23, 3 * 2000), [3, 2000]);
    const cases: [string, (x: Tensor) => Tensor | Tensor[], boolean][] = [
      ["folded", (x) => matmul(mul(c, x), W), true],
      ["the scaled value read again", (x) => ((p) => [matmul(p, W), p])(mul(c, x)), false],
      ["a matrix computed from the argument", (x) => matmul(mul(c, x), reshape(take(x, [0, 0, 0, 0], 0), [3, 4])), false],
      ["a folded matrix past the limit", (x) => matmul(mul(c, x), repeatColumns(big, FOLDED_MAX_VALUES)), false],
    ];
    for (const [what, f, folds] of cases) {
      const jitted = jit(f);
      const [result, expected] = [jitted(x), f(x)];
      const runs = cpuKernelsRun(() => jitted(x));
      expect(
        runs.some((r) => r.prim === Prim.Mul),
        what,
      ).to.equal(!folds);
      [result].flat().forEach((t, i) => expectAllclose(t, [expected].flat()[i]!, { rtol: 1e-14, atol: 1e-15 }, what));
    }
  });

  it("computes only the GELU orders that are read, with the same bits", () => {
    const x = tensor(seededUniform(24, 3000, -5, 5), [1000, 3]);
    const f = (x: Tensor) => [take(geluStack(x, 0, 4), 1, 0), take(geluStack(x, 0, 4), [3, 2], 0), geluStack(x, 1, 2)];
    const jitted = jit(f);
    const [result, expected] = [jitted(x), f(x)];
    result.forEach((t, i) => expect(bits(t)).to.deep.equal(bits(expected[i]!)));
    const stacks = cpuKernelsRun(() => jitted(x)).filter((r) => r.prim === Prim.GeluStack);
    expect(stacks.map((r) => r.params)).to.deep.equal([
      { order: 1, count: 1 },
      { order: 2, count: 2 },
      { order: 1, count: 2 },
    ]);
  });

  it("scales a product's rows in its kernel only where the scaled value is read by that product alone", () => {
    const W = tensor(seededUniform(30, 12), [3, 4]);
    const s = (x: Tensor) => exp(take(x, [0], 1));
    const cases: [string, (x: Tensor) => Tensor | Tensor[], boolean][] = [
      ["fused", (x) => matmul(mul(x, s(x)), W), true],
      ["scales first", (x) => matmul(mul(s(x), x), W), true],
      ["one row a point", (x) => matmul(mul(take(x, [1], 1), s(x)), W), true],
      ["the scaled value read again", (x) => ((p) => [matmul(p, W), p])(mul(x, s(x))), false],
      ["a product's second operand", (x) => matmul(reshape(W, [4, 3]), reshape(mul(x, s(x)), [3, 4 * 5])), false],
    ];
    const x = tensor(seededUniform(31, 60), [4, 5, 3]);
    for (const [what, f, fuses] of cases) {
      const jitted = jit(f);
      const [result, expected] = [jitted(x), f(x)];
      [result].flat().forEach((t, i) => expect(bits(t), what).to.deep.equal(bits([expected].flat()[i]!)));
      const runs = cpuKernelsRun(() => jitted(x));
      expect(
        runs.some((r) => r.prim === Prim.Mul),
        what,
      ).to.equal(!fuses);
    }
  });

  it("takes and returns trees of tensors, an argument or a constant among the outputs", () => {
    const c = tensor([1, 2]);
    const f = jit(({ x, y }: { x: Tensor; y: Tensor[] }) => ({ sum: add(x, y[0]!), same: x, constant: c, nested: [mul(y[1]!, 2)] }));
    const [x, y0, y1] = [tensor([1, 2]), tensor([10, 20]), tensor([3, 4])];
    const out = f({ x, y: [y0, y1] });
    expect(out.sum.toArray()).to.deep.equal([11, 22]);
    expect(out.same.toArray()).to.deep.equal([1, 2]);
    expect(out.constant.toArray()).to.deep.equal([1, 2]);
    expect(out.nested[0]!.toArray()).to.deep.equal([6, 8]);
  });

  it("inside another transform, calls the function: vmap and hessian of a jitted function equal those of the function", () => {
    const f = (x: Tensor) => sum(mul(sin(x), x));
    const X = points(6, 4);
    expectAllclose(vmap(hessian(jit(f)))(X), vmap(hessian(f))(X), { rtol: 0, atol: 0 });
    expectAllclose(jit(vmap(hessian(jit(f))))(X), vmap(hessian(f))(X), { rtol: 0, atol: 0 });
  });

  it("names what is wrong: an enclosing transform's value closed over, an argument that is not a tensor", () => {
    const X = points(7, 3);
    const closesOver = vmap((x: Tensor) => jit((y: Tensor) => mul(x, y))(tensor([1, 2])));
    expect(() => closesOver(X)).to.throw(TransformError, /mul's operand is a value of an enclosing transform .* pass it as an argument/);
    expect(() => (jit((x: Tensor) => x) as (x: unknown) => unknown)(3)).to.throw(TreeMismatchError, /jit: argument\[0\]: expected a Tensor/);
  });
});
