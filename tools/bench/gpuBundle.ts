// Packs the gpu benchmark (tools/bench/gpu.ts) for a machine with a GPU that
// has Node ≥ 20 and nothing else: one folder holding the bundled benchmark,
// the seed network's weights at the path it reads them from, and the `webgpu`
// package (Dawn) with its Linux x64 binary.
//
//   npm run bench:gpu-bundle              → out/bench-gpu/
//   (copy out/bench-gpu to the machine)
//   node bench-gpu/tools/bench/gpu.mjs --modes webgpu
//
// Dawn needs glibc ≥ 2.38, the Vulkan loader (libvulkan.so.1) and the GPU's
// Vulkan driver; `--modes webgpu` skips the slow gpu.js modes, and the CPU
// float64 reference still runs in the same process for the ratios.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = join(root, "out", "bench-gpu");
const copy = (from: string, to: string) => {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  copyFileSync(join(root, from), join(out, to));
};

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(root, "tools/bench/gpu.ts")],
  outdir: join(out, "tools/bench"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  // The browser modes' page driver is imported only when they are asked for: a chunk of its own.
  splitting: true,
  format: "esm",
  platform: "node",
  conditions: ["@nabla/source"],
  external: ["webgpu", "playwright-core", "esbuild", "gl"],
  // gpu.js is CommonJS and requires its optional packages at run time.
  banner: { js: "import { createRequire as nablaCreateRequire } from 'node:module'; const require = nablaCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
copy("testdata/reference/seed-net.weights.json", "testdata/reference/seed-net.weights.json");
for (const file of ["package.json", "index.js", "dist/linux-x64.dawn.node"])
  copy(join("node_modules/webgpu", file), join("node_modules/webgpu", file));
console.log(`${out}: run \`node ${join("bench-gpu", "tools/bench/gpu.mjs")} --modes webgpu\` beside it on the GPU machine`);
