import { Tensor } from "@nabla/tensor";
import { TreeMismatchError } from "../errors.js";

/** Tensors nested in arrays and plain objects: what transformed functions take and return. */
export type Tree = Tensor | readonly Tree[] | { readonly [key: string]: Tree };

/** The structure of a tree without its leaves. */
export type TreeDef = { kind: "leaf" } | { kind: "array"; items: TreeDef[] } | { kind: "object"; keys: string[]; items: TreeDef[] };

export function flatten(tree: unknown, where = "value"): { leaves: Tensor[]; def: TreeDef } {
  const leaves: Tensor[] = [];
  const walk = (node: unknown, path: string): TreeDef => {
    if (node instanceof Tensor) {
      leaves.push(node);
      return { kind: "leaf" };
    }
    if (Array.isArray(node)) return { kind: "array", items: node.map((item, i) => walk(item, `${path}[${i}]`)) };
    if (node !== null && typeof node === "object" && Object.getPrototypeOf(node) === Object.prototype) {
      const keys = Object.keys(node);
      return { kind: "object", keys, items: keys.map((k) => walk((node as Record<string, unknown>)[k], `${path}.${k}`)) };
    }
    throw new TreeMismatchError(`${path}: expected a Tensor, an array or a plain object of tensors, got ${node === null ? "null" : typeof node}`);
  };
  const def = walk(tree, where);
  return { leaves, def };
}

/** Rebuilds the structure with the given leaves (which may themselves be trees). */
export function unflatten(def: TreeDef, leaves: readonly Tree[]): Tree {
  let i = 0;
  const build = (d: TreeDef): Tree => {
    if (d.kind === "leaf") return leaves[i++]!;
    if (d.kind === "array") return d.items.map(build);
    return Object.fromEntries(d.keys.map((k, j) => [k, build(d.items[j]!)]));
  };
  const tree = build(def);
  if (i !== leaves.length) throw new TreeMismatchError(`unflatten: the structure holds ${i} tensors, ${leaves.length} were given`);
  return tree;
}

export function sameStructure(a: TreeDef, b: TreeDef): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "leaf") return true;
  const bi = (b as { items: TreeDef[] }).items;
  if (a.items.length !== bi.length) return false;
  if (a.kind === "object" && a.keys.some((k, j) => k !== (b as { keys: string[] }).keys[j])) return false;
  return a.items.every((item, j) => sameStructure(item, bi[j]!));
}

/** Applies `fn` to every leaf, keeping the structure. */
export function mapTree(tree: Tree, fn: (leaf: Tensor, index: number) => Tensor): Tree {
  const { leaves, def } = flatten(tree);
  return unflatten(def, leaves.map(fn));
}

export function leafCount(def: TreeDef): number {
  return def.kind === "leaf" ? 1 : def.items.reduce((n, d) => n + leafCount(d), 0);
}

/** Replaces, anywhere inside arrays and plain objects, the tensors `fn` maps; everything else is kept. */
export function mapTensors(value: unknown, fn: (t: Tensor) => Tensor): unknown {
  if (value instanceof Tensor) return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapTensors(v, fn));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapTensors(v, fn)]));
  }
  return value;
}
