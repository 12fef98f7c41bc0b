import { filesDigest } from "./filesDigest.js";
import type { FunctionSource, ModelSource, TargetRef } from "./sources.js";

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A number that stays the same for the same object and differs between objects. */
function identity(object: object): number {
  let id = ids.get(object);
  if (id === undefined) {
    id = nextId++;
    ids.set(object, id);
  }
  return id;
}

/** Equal keys mean the same function: same spec, same file on disk, same object in memory. */
export function functionSourceKey(source: FunctionSource): string {
  return source.kind === "spec" ? `spec:${JSON.stringify([source.spec.trim(), source.inputs ?? null])}` : `fn#${identity(source.fn)}:${source.fn.id}`;
}

/**
 * Equal keys mean the same model. Files in memory are compared by content (a
 * digest), so the copy a worker receives with each request keys the same;
 * model objects, which never leave their thread, by identity.
 */
export function modelSourceKey(source: ModelSource): string {
  switch (source.kind) {
    case "path":
      return `path:${source.path}`;
    case "files":
      return `files:${filesDigest(source.files)}:${source.location}`;
    case "inline":
      return `model#${identity(source.model)}`;
  }
}

/** The key of what a reference computes: equal keys give equal derivatives. */
export function targetKey(ref: TargetRef): string {
  if (ref.kind === "function") return functionSourceKey(ref.source);
  const outputs = ref.outputs === undefined ? "all" : ref.outputs.join(",");
  return `${modelSourceKey(ref.source)}|${ref.physical ? "physical" : "forward"}|${outputs}`;
}
