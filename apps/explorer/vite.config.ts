import { fileURLToPath } from "node:url";
import { defaultClientConditions, defineConfig } from "vite";
import { nodeOnlyGuard } from "./build/nodeOnly.js";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * A static site: relative URLs (it works from any folder of any static
 * server), no CDN, the workspace packages compiled from their TypeScript
 * sources (the "@nabla/source" export condition), nothing of Node inside.
 */
export default defineConfig({
  root,
  base: "./",
  // Missing files answer 404 (an nnbma folder has optional files), not index.html.
  appType: "mpa",
  resolve: { conditions: ["@nabla/source", ...defaultClientConditions] },
  plugins: [nodeOnlyGuard()],
  worker: { format: "es", plugins: () => [nodeOnlyGuard()] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 3000,
    reportCompressedSize: false,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
});
