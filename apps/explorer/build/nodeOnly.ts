import { builtinModules } from "node:module";
import type { Plugin } from "vite";

/** Packages that run in Node only: the Node renderers of @nabla/plot and what they load. */
const NODE_ONLY_PACKAGES = ["jsdom", "@resvg/resvg-js", "@napi-rs/canvas", "dejavu-fonts-ttf"];

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * Node modules that a package asks for only inside a try/catch, to use when
 * there: in a browser the request fails and the package goes on without.
 * (mathjs's seedrandom: `try { nodecrypto = require("crypto") } catch {}`;
 * protobufjs's util/fs.js, the same with "fs".)
 */
const OPTIONAL_REQUIRES: readonly { readonly importer: string; readonly source: string }[] = [
  { importer: "/node_modules/seedrandom/", source: "crypto" },
  { importer: "/node_modules/protobufjs/src/util/fs.js", source: "fs" },
];

const optional = (source: string, importer: string) =>
  OPTIONAL_REQUIRES.some((o) => o.source === source && importer.replace(/\\/g, "/").includes(o.importer));

/** Whether a resolved module id belongs to a Node-only package or to Node itself. */
export function isNodeOnly(id: string): boolean {
  const path = id.replace(/\\/g, "/");
  if (builtins.has(id) || id.startsWith("node:") || id.includes("__vite-browser-external")) return true;
  return NODE_ONLY_PACKAGES.some((p) => path.includes(`/node_modules/${p}/`) || path === p || path.startsWith(`${p}/`));
}

/**
 * Fails the build when a Node-only module (fs, worker_threads, jsdom, resvg,
 * the napi canvas…) would enter the bundle, naming it and who imports it —
 * instead of Vite's silent browser stub that breaks at run time.
 */
export function nodeOnlyGuard(): Plugin {
  return {
    name: "nabla:node-only-guard",
    enforce: "pre",
    apply: "build",
    async resolveId(source, importer, options) {
      if (importer && optional(source, importer)) return null;
      if (!importer || !isNodeOnly(source)) {
        const resolved = importer ? await this.resolve(source, importer, { ...options, skipSelf: true }) : null;
        if (!resolved || !isNodeOnly(resolved.id)) return null;
        this.error(`${source} (${resolved.id}), imported by ${importer}, runs in Node only and must not enter the explorer's bundle`);
      }
      this.error(`${source}, imported by ${importer}, runs in Node only and must not enter the explorer's bundle`);
    },
  };
}
