import { loadPickle } from "./vm.js";
import { type GlobalBehaviour, PickleGlobal, PyInstance } from "./values.js";

/** What an instance of a global becomes when a pickle is only inspected. */
export interface OpaqueRecord {
  readonly kind: "opaque";
  readonly className: string;
}

/**
 * Lists the globals a pickle refers to, in order of first appearance, without building
 * anything from them: every global becomes an inert placeholder, and persistent ids
 * become null. Used to describe files that are not read (an EmbeddingNetwork's modules).
 * Malformed pickles still throw `PickleFormatError`.
 */
export function scanPickleGlobals(bytes: Uint8Array, file: string): string[] {
  const seen = new Map<string, PickleGlobal>();
  loadPickle(bytes, {
    file,
    persistentLoad: () => null,
    resolveGlobal: (module, name) => {
      const full = `${module}.${name}`;
      let global = seen.get(full);
      if (!global) {
        const make = (args: readonly unknown[], kwargs: ReadonlyMap<unknown, unknown>): PyInstance =>
          new PyInstance(full, args, kwargs, (): OpaqueRecord => ({ kind: "opaque", className: full }));
        const behaviour: GlobalBehaviour = { call: (args) => make(args, new Map()), construct: make };
        global = new PickleGlobal(full, behaviour);
        seen.set(full, global);
      }
      return global;
    },
  });
  return [...seen.keys()];
}
