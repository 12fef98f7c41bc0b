/**
 * Renders the twelve figures of the seed notebook — Fexample against the seed
 * network, output f₃, profiles along x₁ (x₂ = 1), maps over (x₁, x₂), 100
 * points per axis, x₁ ∈ [−2, 2], x₂ ∈ [−1, 1], relative error with eps 1e-2 —
 * to SVG and PNG.
 *
 *   npm run figures -- [--out DIR] [--data FILE.json] [--scale 2]
 *
 * The truth is Fexample, f(t1, t2) = (t1 + 2 t2, t1², t1 t2²), from the catalogue. The network's derivatives come from --data (the figure-data
 * JSON described in packages/plot/README.md) or, by default, from the seed
 * network's own folder (testdata/nnbma/seed-net), differentiated with
 * @nabla/autodiff in float64. Figures whose network data is missing are not
 * drawn, and are listed on stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { MapData, ProfileData, Samples } from "@nabla/plot";
import { figureDataFromJson, hessianMaps, hessianProfiles, jacobianMaps, jacobianProfiles } from "@nabla/plot";
import type { MapsOptions, ProfilesOptions } from "@nabla/plot";
import { renderSvg, svgToPng } from "@nabla/plot/node";
import { secondOrder, vmap } from "@nabla/autodiff";
import { fexample } from "@nabla/functions";
import { loadModel } from "@nabla/models/node";
import { stack, tensor, type Tensor } from "@nabla/tensor";

const repository = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const seed = { output: 2, eps: 1e-2, n: 100, x1: [-2, 2], x2: [-1, 1], profileX2: 1 } as const;
const nIn = 2;
const nOut = 3;

function linspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

/** The points of a profile along input `input` through `fixed`. */
function profilePoints(x: Float64Array, input: number, fixed: ArrayLike<number>): [Float64Array, Float64Array] {
  const other = (i: number) => Float64Array.from(x, () => fixed[i]!);
  return input === 0 ? [x, other(1)] : [other(0), x];
}

/** The points of a map, x fastest. */
function mapPoints(x: Float64Array, y: Float64Array, inputs: readonly [number, number]): [Float64Array, Float64Array] {
  const a = new Float64Array(x.length * y.length);
  const b = new Float64Array(x.length * y.length);
  for (let iy = 0; iy < y.length; ++iy) {
    for (let ix = 0; ix < x.length; ++ix) {
      a[iy * x.length + ix] = x[ix]!;
      b[iy * x.length + ix] = y[iy]!;
    }
  }
  return inputs[0] === 0 ? [a, b] : [b, a];
}

/** Value, Jacobian and Hessian of a point function at the points (t1[p], t2[p]), in @nabla/plot's layout. */
function sampled(f: (x: Tensor) => Tensor, t1: Float64Array, t2: Float64Array): Required<Samples> {
  const points: Tensor = stack([tensor(t1), tensor(t2)], 1);
  const { value, jacobian, hessian } = vmap(secondOrder(f))(points);
  return { value: value.data(), jacobian: jacobian.data(), hessian: hessian.data() };
}

/** The truth: Fexample from the catalogue. */
const truthAt = (t1: Float64Array, t2: Float64Array): Required<Samples> => sampled(fexample.f, t1, t2);

/** The seed network, from its nnbma folder. */
async function networkAt(t1: Float64Array, t2: Float64Array): Promise<Required<Samples>> {
  const model = await loadModel(join(repository, "testdata/nnbma/seed-net"));
  return sampled((x) => model.forward(x), t1, t2);
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      out: { type: "string", default: "out/figures" },
      data: { type: "string" },
      scale: { type: "string", default: "2" },
      help: { type: "boolean", default: false },
    },
  });
  if (args.help) {
    process.stdout.write("usage: npm run figures -- [--out DIR] [--data FILE.json] [--scale 2]\n");
    return;
  }
  const out = resolve(args.out ?? "out/figures");
  const scale = Number(args.scale ?? 2);
  if (!(scale > 0)) throw new Error(`--scale is ${args.scale}; expected a number > 0`);
  const given = args.data ? figureDataFromJson(JSON.parse(readFileSync(resolve(args.data), "utf8"))) : {};
  for (const section of [given.profile, given.map]) {
    if (section && (section.nIn !== nIn || section.nOut !== nOut)) {
      const found = `nIn = ${section.nIn}, nOut = ${section.nOut}`;
      throw new Error(`${args.data}: ${found}; the seed's network has nIn = ${nIn}, nOut = ${nOut}`);
    }
  }

  // Profile along x1 at x2 = 1 (or whatever --data says), truth in closed form unless given.
  let profile: ProfileData;
  if (given.profile) {
    const p = given.profile;
    const fixed = p.fixed ?? [0, seed.profileX2];
    const [t1, t2] = profilePoints(Float64Array.from(p.x), p.input, fixed);
    profile = { ...p, fixed, truth: p.truth ?? truthAt(t1, t2) };
  } else {
    const x = linspace(seed.x1[0], seed.x1[1], seed.n);
    const [t1, t2] = profilePoints(x, 0, [0, seed.profileX2]);
    profile = { nIn, nOut, input: 0, x, fixed: [0, seed.profileX2], truth: truthAt(t1, t2), network: await networkAt(t1, t2) };
  }

  // Map over (x1, x2) on the seed's grid (or the grid --data gives).
  let map: MapData;
  if (given.map) {
    const m = given.map;
    const [t1, t2] = mapPoints(Float64Array.from(m.x), Float64Array.from(m.y), m.inputs);
    map = { ...m, truth: m.truth ?? truthAt(t1, t2) };
  } else {
    const x = linspace(seed.x1[0], seed.x1[1], seed.n);
    const y = linspace(seed.x2[0], seed.x2[1], seed.n);
    const [t1, t2] = mapPoints(x, y, [0, 1]);
    map = { nIn, nOut, inputs: [0, 1], x, y, truth: truthAt(t1, t2), network: await networkAt(t1, t2) };
  }

  const common = { output: seed.output, eps: seed.eps, error: "relative" } as const;
  const titles = {
    truth: "Fexample f",
    network: "Seed network f̂",
    error: "Relative error of the seed network",
  } as const;
  type Figure = { name: string; missing: string | null; build: (document: Document) => Element };
  const figures: Figure[] = [];
  const missing = (data: ProfileData | MapData, where: string, field: "jacobian" | "hessian") =>
    data.network?.[field] == null ? `the network's ${field} on the ${where}` : null;
  for (const [prefix, role] of [
    ["1-truth", "truth"],
    ["2-network", "network"],
    ["3-error", "error"],
  ] as const) {
    const p: ProfilesOptions = { ...common, role, title: titles[role] };
    const m: MapsOptions = { ...common, role, title: titles[role] };
    const needs = (data: ProfileData | MapData, where: string, field: "jacobian" | "hessian") =>
      role === "truth" ? null : missing(data, where, field);
    figures.push(
      {
        name: `${prefix}-d1-profile`,
        missing: needs(profile, "profile", "jacobian"),
        build: (document) => jacobianProfiles(profile, { ...p, document }),
      },
      {
        name: `${prefix}-d2-profile`,
        missing: needs(profile, "profile", "hessian"),
        build: (document) => hessianProfiles(profile, { ...p, document }),
      },
      {
        name: `${prefix}-d1-map`,
        missing: needs(map, "map's grid", "jacobian"),
        build: (document) => jacobianMaps(map, { ...m, document }),
      },
      {
        name: `${prefix}-d2-map`,
        missing: needs(map, "map's grid", "hessian"),
        build: (document) => hessianMaps(map, { ...m, document }),
      },
    );
  }

  mkdirSync(out, { recursive: true });
  const skipped: Figure[] = [];
  for (const figure of figures) {
    if (figure.missing) {
      skipped.push(figure);
      continue;
    }
    const svg = renderSvg(figure.build);
    writeFileSync(join(out, `${figure.name}.svg`), svg);
    writeFileSync(join(out, `${figure.name}.png`), svgToPng(svg, { scale }));
    process.stdout.write(`wrote ${join(out, figure.name)}.{svg,png}\n`);
  }
  if (skipped.length > 0) {
    process.stderr.write(
      `seed-figures: ${skipped.length} of ${figures.length} figures NOT drawn, for lack of the network's data:\n` +
        skipped.map((f) => `  ${f.name}: no data for ${f.missing}\n`).join("") +
        'Give it with --data FILE.json (a "profile" or "map" section with "network"; ' +
        "format in packages/plot/README.md).\n",
    );
  }
}

await main();
