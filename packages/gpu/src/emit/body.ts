import type { IndexAddPlan, MapPlan, MatmulPlan, ReducePlan, View, Expr } from "../plan/index.js";
import type { Block } from "./dialect.js";
import { binary, gelu, unary } from "./math.js";

/** How a kernel names its inputs and index tables. */
export interface Names {
  input(k: number): string;
  table(k: number): string;
}

export const defaultNames: Names = { input: (k) => `in${k}`, table: (k) => `tab${k}` };

/** The coordinates of flat index `flat` over row-major `dims` (an index expression each). */
export function coords(b: Block, flat: string, dims: readonly number[]): string[] {
  const out = new Array<string>(dims.length);
  let q = flat;
  for (let d = dims.length - 1; d >= 0; d--) {
    const size = dims[d]!;
    if (size === 1) {
      out[d] = b.d.int(0);
    } else if (d === 0) {
      out[d] = q;
    } else {
      const quot = b.fresh("q"),
        rem = b.fresh("c");
      for (const line of b.d.divmod(q, size, quot, rem)) b.line(line);
      out[d] = rem;
      q = quot;
    }
  }
  return out;
}

/** Σ terms of index expressions, skipping zeros. */
const sum = (b: Block, terms: string[]): string => (terms.length === 0 ? b.d.int(0) : terms.join(" + "));

function viewOffset(b: Block, view: View, c: readonly string[], names: Names): string {
  const terms: string[] = view.offset !== 0 ? [b.d.int(view.offset)] : [];
  view.strides.forEach((stride, d) => {
    if (stride === 0) return;
    const bound = view.bounds?.find((x) => x.dim === d);
    let coord = bound && bound.lo !== 0 ? `(${c[d]} - ${b.d.int(bound.lo)})` : c[d]!;
    // The table entry gets its own variable: gpu.js's GLSL emitter hoists a texture read nested in another read's index into a variable whose name repeats between statements.
    if (view.gather?.dim === d) coord = b.letIndex(b.d.table(names.table(view.gather.table), c[d]!), "g");
    terms.push(stride === 1 ? coord : `${coord} * ${b.d.int(stride)}`);
  });
  return sum(b, terms);
}

function readView(b: Block, view: View, c: readonly string[], names: Names): string {
  const at = `${names.input(view.input)}[${viewOffset(b, view, c, names)}]`;
  const bounds = view.bounds ?? [];
  if (bounds.length === 0) return b.let(at, "r");
  const r = b.let("0.0", "r");
  const guard = bounds.map(({ dim, lo, hi }) => `${c[dim]} >= ${b.d.int(lo)} && ${c[dim]} < ${b.d.int(hi)}`).join(" && ");
  b.nest(`if (${guard}) {`, () => b.line(`${r} = ${at};`));
  return r;
}

function expr(b: Block, e: Expr, plan: MapPlan, c: readonly string[], names: Names): string {
  switch (e.kind) {
    case "read":
      return readView(b, plan.views[e.view]!, c, names);
    case "unary":
      return unary(b, e.prim, expr(b, e.x, plan, c, names));
    case "binary":
      return binary(b, e.prim, expr(b, e.a, plan, c, names), expr(b, e.b, plan, c, names));
    case "gelu":
      return gelu(b, expr(b, e.x, plan, c, names), e.approximate, e.order);
    case "where": {
      const cond = expr(b, e.cond, plan, c, names);
      return b.let(b.d.select(`${cond} != 0.0`, expr(b, e.x, plan, c, names), expr(b, e.y, plan, c, names)), "w");
    }
    case "sum":
      return b.let(e.terms.map((t) => expr(b, t, plan, c, names)).join(" + "), "s");
    case "cases": {
      const r = b.let("0.0", "k");
      e.cases.forEach(({ below, expr: x }, i) => {
        const lower = i === 0 ? undefined : e.cases[i - 1]!.below;
        const cond = [lower === undefined ? "" : `${c[e.dim]} >= ${b.d.int(lower)}`, `${c[e.dim]} < ${b.d.int(below)}`].filter(Boolean).join(" && ");
        b.nest(`if (${cond}) {`, () => b.line(`${r} = ${expr(b, x, plan, c, names)};`));
      });
      return r;
    }
  }
}

/** The body of a map kernel for output element `flat`; returns its value's name. */
export function mapBody(b: Block, plan: MapPlan, flat: string, names = defaultNames): string {
  return expr(b, plan.expr, plan, coords(b, flat, plan.dims), names);
}

/** The body of a sum over the reduced coordinates, one nested loop per reduced dimension. */
export function reduceBody(b: Block, plan: ReducePlan, flat: string, names = defaultNames): string {
  const c = coords(b, flat, plan.dims);
  const base = b.letIndex(
    sum(
      b,
      plan.strides.flatMap((s, d) => (s === 0 ? [] : [s === 1 ? c[d]! : `${c[d]} * ${b.d.int(s)}`])),
    ),
    "base",
  );
  const acc = b.let("0.0", "acc");
  const loops = (level: number, offset: string): void => {
    if (level === plan.rdims.length) {
      b.line(`${acc} += ${names.input(0)}[${offset}];`);
      return;
    }
    const r = b.fresh("r");
    const s = plan.rstrides[level]!;
    b.nest(b.d.loop(r, plan.rdims[level]!), () => loops(level + 1, `${offset} + ${s === 1 ? r : `${r} * ${b.d.int(s)}`}`));
  };
  loops(0, base);
  return acc;
}

/** The body of a scatter-add written as a gather over compressed rows. */
export function indexAddBody(b: Block, plan: IndexAddPlan, flat: string, names = defaultNames): string {
  const [o, t, r] = coords(b, flat, [plan.outer, plan.size, plan.inner]);
  const acc = b.let("0.0", "acc");
  if (plan.maxRun === 0) return acc;
  const start = b.letIndex(b.d.table(names.table(0), t!), "st");
  const end = b.letIndex(b.d.table(names.table(0), `${t} + ${b.d.int(1)}`), "en");
  const j = b.fresh("j");
  b.nest(b.d.loop(j, plan.maxRun), () => {
    b.nest(`if (${start} + ${j} < ${end}) {`, () => {
      const src = `(${o} * ${b.d.int(plan.n)} + ${b.d.table(names.table(1), `${start} + ${j}`)}) * ${b.d.int(plan.inner)} + ${r}`;
      b.line(`${acc} += ${names.input(0)}[${src}];`);
    });
  });
  return acc;
}

/**
 * One output element of a batched product per thread: a dot product over k
 * with four partial sums (four independent chains keep a pipelined ALU busy).
 */
export function matmulBody(b: Block, plan: MatmulPlan, flat: string, names = defaultNames): string {
  const { m, k, n } = plan;
  const c = coords(b, flat, [...plan.batch, m, n]);
  const row = c[plan.batch.length]!,
    col = c[plan.batch.length + 1]!;
  const batchTerms = (strides: readonly number[]) => strides.flatMap((s, d) => (s === 0 ? [] : [`${c[d]} * ${b.d.int(s)}`]));
  const ao = b.letIndex(sum(b, [...batchTerms(plan.aStrides), `${row} * ${b.d.int(k)}`]), "ao");
  const bo = b.letIndex(sum(b, [...batchTerms(plan.bStrides), col]), "bo");
  const A = names.input(0),
    B = names.input(1);
  const acc = [0, 1, 2, 3].map(() => b.let("0.0", "acc"));
  const k4 = k - (k % 4);
  if (k4 > 0) {
    const p = b.fresh("p");
    b.nest(b.d.loop(p, k4, 4), () => {
      for (let u = 0; u < 4; u++) {
        const pu = u === 0 ? p : `${p} + ${b.d.int(u)}`;
        b.line(`${acc[u]} += ${A}[${ao} + ${pu}] * ${B}[${bo} + (${pu}) * ${b.d.int(n)}];`);
      }
    });
  }
  for (let p = k4; p < k; p++) b.line(`${acc[p - k4]} += ${A}[${ao} + ${b.d.int(p)}] * ${B}[${bo} + ${b.d.int(p * n)}];`);
  return b.let(`(${acc[0]} + ${acc[1]}) + (${acc[2]} + ${acc[3]})`, "mm");
}
