import { expect } from "chai";
import { cpuKernelsRun, expectAllclose, seededUniform } from "@nabla/testing";
import { add, bind, matmul, mul, Prim, stack, sum, take, tensor, type PrimParams, type Tensor } from "@nabla/tensor";
import { hessian, jit, jvp, vjp, vmap } from "@nabla/autodiff";

interface Case {
  prim: Prim;
  shapes: number[][];
  params?: object;
  /** Inputs' value range; positive-only primitives get a positive one. */
  domain?: [number, number];
  /** Inputs that are not differentiated (a selector). */
  constant?: number[];
  /** Fixed values for constant inputs. */
  values?: Record<number, number[]>;
  label?: string;
}

const unary = (prim: Prim, domain: [number, number] = [-2, 2]): Case => ({ prim, shapes: [[3, 4]], domain });
const binary = (prim: Prim, shapes: number[][], domain: [number, number] = [-2, 2]): Case => ({
  prim,
  shapes,
  domain,
  label: `${prim} ${JSON.stringify(shapes)}`,
});

const cases: Case[] = [
  unary(Prim.Neg),
  unary(Prim.Exp),
  unary(Prim.Log, [0.2, 3]),
  unary(Prim.Log1p, [-0.5, 3]),
  unary(Prim.Expm1),
  unary(Prim.Sin),
  unary(Prim.Cos),
  unary(Prim.Tan, [-1, 1]),
  unary(Prim.Tanh),
  unary(Prim.Sqrt, [0.2, 3]),
  unary(Prim.Abs),
  unary(Prim.Sign),
  unary(Prim.Erf),
  unary(Prim.Asinh),
  unary(Prim.Atan),
  unary(Prim.Sigmoid),
  { prim: Prim.Gelu, shapes: [[3, 4]], params: { approximate: "none", order: 0 }, label: "gelu exact" },
  ...[1, 2, 3].map((order) => ({
    prim: Prim.Gelu,
    shapes: [[3, 4]],
    params: { approximate: "none", order },
    label: `gelu derivative of order ${order}`,
  })),
  { prim: Prim.Gelu, shapes: [[3, 4]], params: { approximate: "tanh", order: 0 }, label: "gelu tanh" },
  { prim: Prim.GeluStack, shapes: [[3, 4]], params: { order: 0, count: 3 }, label: "geluStack of orders 0–2" },
  { prim: Prim.GeluStack, shapes: [[2, 3]], params: { order: 2, count: 2 }, label: "geluStack of orders 2–3" },
  binary(Prim.Add, [[3, 4], [4]]),
  binary(Prim.Sub, [
    [3, 1],
    [1, 4],
  ]),
  binary(Prim.Mul, [
    [3, 4],
    [3, 4],
  ]),
  binary(Prim.Mul, [[4], [2, 3, 4]]),
  binary(
    Prim.Div,
    [
      [3, 4],
      [3, 1],
    ],
    [0.5, 2],
  ),
  binary(Prim.Pow, [[3, 4], [4]], [0.5, 2]),
  binary(Prim.Max, [
    [3, 4],
    [3, 4],
  ]),
  binary(Prim.Min, [[3, 4], [4]]),
  binary(Prim.Lt, [[3, 4], [4]]),
  binary(Prim.Ge, [
    [3, 4],
    [3, 4],
  ]),
  binary(Prim.Eq, [
    [3, 4],
    [3, 4],
  ]),
  { prim: Prim.Where, shapes: [[3, 4], [3, 4], [4]], constant: [0], values: { 0: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1] } },
  { prim: Prim.Cast, shapes: [[3, 4]], params: { dtype: "float64" } },
  { prim: Prim.Reshape, shapes: [[3, 4]], params: { shape: [2, 6] } },
  { prim: Prim.BroadcastTo, shapes: [[3, 1]], params: { shape: [2, 3, 4] } },
  { prim: Prim.Transpose, shapes: [[2, 3, 4]], params: { perm: [2, 0, 1] } },
  {
    prim: Prim.Concat,
    shapes: [
      [2, 3],
      [2, 2],
    ],
    params: { axis: 1 },
  },
  { prim: Prim.Slice, shapes: [[4, 5]], params: { starts: [1, 0], ends: [3, 4] } },
  { prim: Prim.Pad, shapes: [[2, 3]], params: { before: [1, 0], after: [0, 2] } },
  { prim: Prim.Take, shapes: [[3, 4]], params: { indices: Int32Array.from([2, 0, 2]), axis: 1 } },
  { prim: Prim.IndexAdd, shapes: [[3, 3]], params: { indices: Int32Array.from([2, 0, 2]), axis: 1, size: 4 } },
  { prim: Prim.ReduceSum, shapes: [[2, 3, 4]], params: { axes: [0, 2] } },
  {
    prim: Prim.Matmul,
    shapes: [
      [2, 3, 4],
      [4, 5],
    ],
    label: "matmul batched @ matrix",
  },
  {
    prim: Prim.Matmul,
    shapes: [
      [3, 4],
      [2, 4, 5],
    ],
    label: "matmul matrix @ batched",
  },
  // Operands g″, x₁, then g′, x₂.
  {
    prim: Prim.SecondChain,
    shapes: [
      [1, 4],
      [2, 4],
      [1, 4],
      [3, 4],
    ],
    params: { axis: 0 },
    label: "secondChain with x₂",
  },
  {
    prim: Prim.SecondChain,
    shapes: [
      [1, 1, 4],
      [2, 3, 1],
      [2, 1, 4],
      [1, 6, 4],
    ],
    params: { axis: 1 },
    label: "secondChain broadcast along axis 1",
  },
  {
    prim: Prim.SecondChain,
    shapes: [
      [3, 1],
      [1, 2],
    ],
    params: { axis: 1 },
    label: "secondChain without x₂, pairs last",
  },
  // Operands x, x₁, then x₂.
  {
    prim: Prim.GeluJet,
    shapes: [
      [3, 4],
      [2, 3, 4],
      [3, 3, 4],
    ],
    params: { order: 0 },
    label: "geluJet with x₂",
  },
  {
    prim: Prim.GeluJet,
    shapes: [
      [3, 4],
      [2, 4],
    ],
    params: { order: 0 },
    label: "geluJet without x₂, x₁ shared along x's first axis",
  },
  {
    prim: Prim.GeluJet,
    shapes: [[4], [1, 4], [1, 1]],
    params: { order: 1 },
    label: "geluJet of GELU′, one direction",
  },
];

let seed = 100;
const random = (shape: number[], [lo, hi]: [number, number] = [-2, 2]): Tensor =>
  tensor(
    seededUniform(
      seed++,
      shape.reduce((a, b) => a * b, 1),
      lo,
      hi,
    ),
    shape,
  );

const apply =
  (c: Case) =>
  (...xs: Tensor[]): Tensor =>
    bind(c.prim, xs, (c.params ?? {}) as PrimParams[Prim]);

function inputsFor(c: Case): Tensor[] {
  return c.shapes.map((s, i) => (c.values?.[i] ? tensor(c.values[i]!, s) : random(s, c.domain)));
}

/** The dot product of two lists of tensors of matching shapes. */
const dot = (a: Tensor[], b: Tensor[]): number => a.reduce((acc, x, i) => acc + sum(mul(x, b[i]!)).item(), 0);

describe("every primitive's rules", () => {
  for (const c of cases) {
    const name = c.label ?? c.prim;
    const f = apply(c);
    const differentiated = (i: number) => !(c.constant ?? []).includes(i);

    it(`${name}: jvp matches central finite differences`, () => {
      const xs = inputsFor(c);
      const ts = c.shapes.map((s, i) => (differentiated(i) ? random(s) : tensor(new Float64Array(s.reduce((a, b) => a * b, 1)), s)));
      const [, dy] = jvp(f, xs, ts);
      const h = 1e-6;
      const plus = f(...xs.map((x, i) => add(x, mul(ts[i]!, h))));
      const minus = f(...xs.map((x, i) => add(x, mul(ts[i]!, -h))));
      const fd = mul(add(plus, mul(minus, -1)), 1 / (2 * h));
      expectAllclose(dy, fd, { rtol: 1e-6, atol: 1e-7 }, `${name} jvp`);
    });

    it(`${name}: vjp is the transpose of jvp (⟨ȳ, J·ẋ⟩ = ⟨Jᵀȳ, ẋ⟩)`, () => {
      const xs = inputsFor(c);
      const ts = c.shapes.map((s) => random(s));
      const [y, back] = vjp(f, ...xs);
      const ct = random([...y.shape]);
      const [, dy] = jvp(f, xs, ts);
      const cts = back(ct);
      const lhs = dot([ct], [dy]);
      const rhs = dot(
        cts.filter((_, i) => differentiated(i)),
        ts.filter((_, i) => differentiated(i)),
      );
      expect(Math.abs(lhs - rhs)).to.be.at.most(1e-12 * (1 + Math.abs(lhs)), `${name}: ⟨ȳ, Jẋ⟩ = ${lhs} but ⟨Jᵀȳ, ẋ⟩ = ${rhs}`);
    });

    it(`${name}: second-order Taylor rule, forward and gathered in reverse, equals reverse-over-reverse`, () => {
      const xs = inputsFor(c);
      c.shapes.forEach((_, i) => {
        if (!differentiated(i)) return;
        const revrev = hessian(f, { argnums: i, method: "revrev" })(...xs);
        for (const method of ["taylor", "taylorrev"] as const) {
          const taylor = hessian(f, { argnums: i, method })(...xs);
          expectAllclose(taylor, revrev, { rtol: 1e-12, atol: 1e-13 }, `${name} hessian (${method}) wrt input ${i}`);
        }
      });
    });

    it(`${name}: jit of its Hessian, run on new values into the last call's buffers, equals the interpreted transform bit for bit`, () => {
      const [first, second] = [inputsFor(c), inputsFor(c)];
      c.shapes.forEach((_, i) => {
        if (!differentiated(i)) return;
        for (const method of ["taylor", "revrev"] as const) {
          const H = hessian(f, { argnums: i, method });
          const jitted = jit(H);
          for (const xs of [first, second, first]) {
            expect(Array.from(jitted(...xs).data())).to.deep.equal(Array.from(H(...xs).data()), `${name} hessian (${method}) wrt input ${i}`);
          }
        }
      });
    });

    // Mapped axis per input (null: shared by every entry) and the output axis.
    const layouts: [string, (rank: number, i: number) => number | null, number][] = [
      ["all inputs mapped at axis 0", () => 0, 0],
      ["the first input mapped at its last axis, the rest shared", (rank, i) => (i === 0 ? rank : null), -1],
      ["every input mapped at axis 1 (or 0 for scalars)", (rank) => Math.min(1, rank), 1],
    ];
    for (const [layout, axisOf, outAxis] of layouts) {
      it(`${name}: vmap with ${layout} equals a loop`, () => {
        const size = 3;
        const base = inputsFor(c);
        const axes = c.shapes.map((s, i) => axisOf(s.length, i));
        // Constant selectors keep their fixed values in every entry.
        const batched = base.map((x, i) => {
          const a = axes[i];
          if (a === null || a === undefined) return x;
          const entries = Array.from({ length: size }, () => (c.values?.[i] ? x : random([...x.shape], c.domain)));
          return stack(entries, a);
        });
        const out = vmap(f, { inAxes: axes, outAxes: outAxis })(...batched);
        const loop = Array.from({ length: size }, (_, b) => f(...batched.map((x, i) => (axes[i] === null ? x : take(x, b, axes[i]!)))));
        expectAllclose(out, stack(loop, outAxis < 0 ? loop[0]!.rank + 1 + outAxis : outAxis), { rtol: 1e-14, atol: 1e-15 }, `${name} vmap`);
      });
    }
  }
});

describe("exact GELU's rules", () => {
  const gelu0 = (x: Tensor) => bind(Prim.Gelu, [x], { approximate: "none", order: 0 });
  const x = tensor(seededUniform(3, 12, -3, 3), [3, 4]);

  it("take the value and its slopes from one pass in forward, reverse and Taylor mode (one GeluStack; one GeluJet, value and coefficients, in Taylor mode)", () => {
    const passes = (f: () => unknown) =>
      cpuKernelsRun(f)
        .map((k) => k.prim)
        .filter((p) => p === Prim.Gelu || p === Prim.GeluStack || p === Prim.GeluJet);
    expect(passes(() => jvp(gelu0, [x], [tensor(seededUniform(4, 12), [3, 4])]))).to.deep.equal([Prim.GeluStack]);
    expect(passes(() => vjp(gelu0, x)[1](tensor(seededUniform(5, 12), [3, 4])))).to.deep.equal([Prim.GeluStack]);
    expect(passes(() => hessian((v: Tensor) => sum(gelu0(v)), { method: "taylor" })(x))).to.deep.equal([Prim.GeluJet]);
    // Gathering the second derivatives in reverse keeps g′ for the reverse pass.
    expect(passes(() => hessian((v: Tensor) => sum(gelu0(v)), { method: "taylorrev" })(x))).to.deep.equal([Prim.GeluStack]);
  });
});

describe("matmul's pullback", () => {
  it("transposes a layer's untraced weights once, whatever the number of reverse passes, with the same cotangents", () => {
    const W = tensor(seededUniform(8, 12), [3, 4]);
    const x = tensor(seededUniform(9, 6), [2, 3]);
    const ct = tensor(seededUniform(10, 8), [2, 4]);
    const pull = () => vjp((v: Tensor) => matmul(v, W), x)[1](ct)[0]!;
    let first: Tensor | undefined;
    const kernels = cpuKernelsRun(() => {
      first = pull();
      expectAllclose(pull(), first, { rtol: 0 });
    });
    expect(kernels.filter((k) => k.prim === Prim.Transpose)).to.have.length(1);
    // ct · Wᵀ, written out.
    const w = W.toArray() as number[][],
      c = ct.toArray() as number[][];
    expectAllclose(
      first!,
      c.map((row) => w.map((wRow) => wRow.reduce((acc, wij, j) => acc + wij * row[j]!, 0))),
      { rtol: 1e-14 },
    );
  });
});
