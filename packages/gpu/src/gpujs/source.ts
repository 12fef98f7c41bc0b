import { Block, floatLiteral, type Dialect } from "../emit/dialect.js";
import { indexAddBody, mapBody, matmulBody, reduceBody } from "../emit/body.js";
import type { KernelPlan } from "../plan/index.js";

/**
 * gpu.js's JavaScript subset. Index arithmetic is float arithmetic here (GLSL
 * ES 1.00 has no reliable integers, and gpu.js's webasm mode computes indices
 * in float32), exact for integers below 2^24; each division is corrected by
 * its remainder so that a GPU's approximate division cannot misplace an element.
 */
export const gpujsDialect: Dialect = {
  name: "gpu.js",
  lit: floatLiteral,
  int: floatLiteral,
  float: (name, init) => `let ${name} = ${init};`,
  index: (name, init) => `let ${name} = ${init};`,
  call: (fn, ...args) => `Math.${fn}(${args.join(", ")})`,
  select: (cond, a, b) => `(${cond} ? ${a} : ${b})`,
  table: (name, at) => `${name}[${at}]`,
  divmod: (q, size, quot, rem) => {
    const s = floatLiteral(size);
    return [
      `let ${quot} = Math.floor(${q} / ${s});`,
      `let ${rem} = ${q} - ${quot} * ${s};`,
      `if (${rem} < 0.0) { ${quot} = ${quot} - 1.0; ${rem} = ${rem} + ${s}; }`,
      `if (${rem} >= ${s}) { ${quot} = ${quot} + 1.0; ${rem} = ${rem} - ${s}; }`,
    ];
  },
  loop: (v, count, step = 1) => `for (let ${v} = 0; ${v} < ${count}; ${step === 1 ? `${v}++` : `${v} += ${step}`}) {`,
  toFloat: (index) => index,
};

/** Inputs then index tables, in the order the kernel takes them. */
export function argumentNames(plan: KernelPlan): string[] {
  const inputs = plan.kind === "map" ? plan.inputs : plan.kind === "matmul" ? 2 : 1;
  const tables = plan.kind === "map" || plan.kind === "indexAdd" ? plan.tables.length : 0;
  return [...Array.from({ length: inputs }, (_, k) => `in${k}`), ...Array.from({ length: tables }, (_, k) => `tab${k}`)];
}

/** The longest loop a plan's kernel runs (gpu.js refuses loops longer than its `loopMaxIterations`). */
export function longestLoop(plan: KernelPlan): number {
  switch (plan.kind) {
    case "map":
      return 1;
    case "reduce":
      return Math.max(1, ...plan.rdims);
    case "indexAdd":
      return Math.max(1, plan.maxRun);
    case "matmul":
      return Math.max(1, plan.k);
  }
}

/** The gpu.js kernel function's source for a plan: one output element per thread. */
export function gpujsSource(plan: KernelPlan): string {
  const b = new Block(gpujsDialect);
  b.line("let i = this.thread.x;");
  const result =
    plan.kind === "map"
      ? mapBody(b, plan, "i")
      : plan.kind === "reduce"
        ? reduceBody(b, plan, "i")
        : plan.kind === "indexAdd"
          ? indexAddBody(b, plan, "i")
          : matmulBody(b, plan, "i");
  b.line(`return ${result};`);
  return `function(${argumentNames(plan).join(", ")}) {\n${b.text()}\n}`;
}
