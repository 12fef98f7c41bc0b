import { Block, floatLiteral, type Dialect } from "../emit/dialect.js";
import { coords, indexAddBody, mapBody, reduceBody } from "../emit/body.js";
import type { KernelPlan, MatmulPlan } from "../plan/index.js";

/** WGSL: float32 values and exact u32 index arithmetic. */
export const wgslDialect: Dialect = {
  name: "wgsl",
  lit: floatLiteral,
  int: (v) => `${v}u`,
  float: (name, init) => `var ${name}: f32 = ${init};`,
  index: (name, init) => `var ${name}: u32 = ${init};`,
  call: (fn, ...args) => `${fn}(${args.join(", ")})`,
  select: (cond, a, b) => `select(${b}, ${a}, ${cond})`,
  table: (name, at) => `u32(${name}[${at}])`,
  divmod: (q, size, quot, rem) => [`let ${rem} = ${q} % ${size}u;`, `let ${quot} = ${q} / ${size}u;`],
  loop: (v, count, step = 1) => `for (var ${v}: u32 = 0u; ${v} < ${count}u; ${v} += ${step}u) {`,
  toFloat: (index) => `f32(${index})`,
};

/** Threads per workgroup of the one-element-per-thread kernels. */
export const WORKGROUP = 64;

/** Tile of the matrix product: each workgroup of 16×16 threads computes 64×64 outputs, 4×4 per thread, over k in steps of 16. */
export const TILE = { m: 64, n: 64, k: 16 } as const;

export interface WgslKernel {
  readonly code: string;
  /** Storage bindings in order: inputs, then index tables (i32), then the output. */
  readonly inputs: number;
  readonly tables: number;
  /** Workgroups to dispatch along x, y, z. */
  readonly grid: readonly [number, number, number];
}

const bindings = (inputs: number, tables: number): string[] => [
  ...Array.from({ length: inputs }, (_, k) => `@group(0) @binding(${k}) var<storage, read> in${k}: array<f32>;`),
  ...Array.from({ length: tables }, (_, k) => `@group(0) @binding(${inputs + k}) var<storage, read> tab${k}: array<i32>;`),
  `@group(0) @binding(${inputs + tables}) var<storage, read_write> dst: array<f32>;`,
];

/** Workgroups for `size` threads of WORKGROUP each, folded into two dimensions (each at most `maxPerDim`). */
export function flatGrid(size: number, maxPerDim: number): [number, number, number] {
  const groups = Math.ceil(size / WORKGROUP);
  const x = Math.min(groups, maxPerDim);
  return [x, Math.ceil(groups / x), 1];
}

/** The WGSL kernel of a plan: one element per thread, or the tiled product for matmul. */
export function wgslKernel(plan: KernelPlan, maxPerDim = 65535): WgslKernel {
  if (plan.kind === "matmul") return tiledMatmul(plan, maxPerDim);
  const size = plan.kind === "map" || plan.kind === "reduce" ? plan.dims.reduce((a, b) => a * b, 1) : plan.outer * plan.size * plan.inner;
  const inputs = plan.kind === "map" ? plan.inputs : 1;
  const tables = plan.kind === "map" || plan.kind === "indexAdd" ? plan.tables.length : 0;
  const grid = flatGrid(size, maxPerDim);
  const b = new Block(wgslDialect, "  ");
  const result = plan.kind === "map" ? mapBody(b, plan, "i") : plan.kind === "reduce" ? reduceBody(b, plan, "i") : indexAddBody(b, plan, "i");
  const code = [
    ...bindings(inputs, tables),
    `@compute @workgroup_size(${WORKGROUP})`,
    "fn main(@builtin(global_invocation_id) gid: vec3<u32>) {",
    `  let i = gid.x + gid.y * ${grid[0] * WORKGROUP}u;`,
    `  if (i >= ${size}u) { return; }`,
    b.text(),
    `  dst[i] = ${result};`,
    "}",
  ].join("\n");
  return { code, inputs, tables, grid };
}

/**
 * A batched product tiled through workgroup memory: each k-step loads a 64×16
 * tile of A and a 16×64 tile of B once for 256 threads, each of which then
 * accumulates a 4×4 block of C in registers.
 */
function tiledMatmul(plan: MatmulPlan, maxPerDim: number): WgslKernel {
  const { m, k, n } = plan;
  const batchCount = plan.batch.reduce((a, b) => a * b, 1);
  const grid: [number, number, number] = [Math.ceil(n / TILE.n), Math.ceil(m / TILE.m), batchCount];
  if (grid.some((g) => g > maxPerDim)) {
    throw new RangeError(
      `matmul: ${grid.join("×")} workgroups exceed the device's ${maxPerDim} per dimension (m = ${m}, n = ${n}, batch = ${batchCount}); evaluate fewer points at a time`,
    );
  }
  const b = new Block(wgslDialect, "  ");
  const c = coords(b, "wg.z", plan.batch);
  const offset = (strides: readonly number[]) => strides.flatMap((s, d) => (s === 0 ? [] : [`${c[d]} * ${s}u`])).join(" + ") || "0u";
  b.line(`let aBase = ${offset(plan.aStrides)};`);
  b.line(`let bBase = ${offset(plan.bStrides)};`);
  b.line(`let cBase = wg.z * ${m * n}u;`);
  const code = [
    ...bindings(2, 0),
    `var<workgroup> As: array<f32, ${TILE.k * TILE.m}>;`,
    `var<workgroup> Bs: array<f32, ${TILE.k * TILE.n}>;`,
    "@compute @workgroup_size(16, 16)",
    "fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) li: u32) {",
    b.text(),
    `  let row0 = wg.y * ${TILE.m}u;`,
    `  let col0 = wg.x * ${TILE.n}u;`,
    "  var acc: array<vec4<f32>, 4>;",
    `  for (var t: u32 = 0u; t < ${k}u; t += ${TILE.k}u) {`,
    "    for (var e: u32 = 0u; e < 4u; e++) {",
    "      let idx = li + e * 256u;",
    `      let ar = idx / ${TILE.k}u;`,
    `      let ak = idx % ${TILE.k}u;`,
    "      var va = 0.0;",
    `      if (row0 + ar < ${m}u && t + ak < ${k}u) { va = in0[aBase + (row0 + ar) * ${k}u + t + ak]; }`,
    `      As[ak * ${TILE.m}u + ar] = va;`,
    `      let bk = idx / ${TILE.n}u;`,
    `      let bc = idx % ${TILE.n}u;`,
    "      var vb = 0.0;",
    `      if (t + bk < ${k}u && col0 + bc < ${n}u) { vb = in1[bBase + (t + bk) * ${n}u + col0 + bc]; }`,
    `      Bs[bk * ${TILE.n}u + bc] = vb;`,
    "    }",
    "    workgroupBarrier();",
    `    for (var kk: u32 = 0u; kk < ${TILE.k}u; kk++) {`,
    `      let ao = kk * ${TILE.m}u + lid.y * 4u;`,
    `      let bo = kk * ${TILE.n}u + lid.x * 4u;`,
    "      let bv = vec4<f32>(Bs[bo], Bs[bo + 1u], Bs[bo + 2u], Bs[bo + 3u]);",
    "      acc[0] += As[ao] * bv;",
    "      acc[1] += As[ao + 1u] * bv;",
    "      acc[2] += As[ao + 2u] * bv;",
    "      acc[3] += As[ao + 3u] * bv;",
    "    }",
    "    workgroupBarrier();",
    "  }",
    "  for (var r: u32 = 0u; r < 4u; r++) {",
    "    let row = row0 + lid.y * 4u + r;",
    `    if (row >= ${m}u) { continue; }`,
    "    for (var q: u32 = 0u; q < 4u; q++) {",
    "      let col = col0 + lid.x * 4u + q;",
    `      if (col < ${n}u) { dst[cBase + row * ${n}u + col] = acc[r][q]; }`,
    "    }",
    "  }",
    "}",
  ].join("\n");
  return { code, inputs: 2, tables: 0, grid };
}
