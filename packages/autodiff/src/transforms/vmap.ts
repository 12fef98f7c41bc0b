import { broadcastTo, concat, count, expandDims, formatShape, moveAxis, normalizeAxis, slice, type Tensor } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { flatten, leafCount, unflatten, type Tree, type TreeDef } from "../core/tree.js";
import { TransformError } from "../errors.js";
import { BatchTrace, BatchTracer } from "../interpreters/batch.js";

export type Axes = number | null | readonly (number | null)[];

export interface VmapOptions {
  /** The mapped axis of each argument (null: not mapped, shared by every call); one number for all. Default 0. */
  inAxes?: Axes;
  /** Where the mapped axis goes in each output leaf (null: the leaf must not depend on the mapped inputs). Default 0. */
  outAxes?: Axes;
  /** Map at most this many entries at once, bounding memory; the results are joined. Default: all at once. */
  chunkSize?: number;
}

const axisFor = (axes: Axes, i: number, expected: number, what: string): number | null => {
  if (axes === null || typeof axes === "number") return axes;
  if (axes.length !== expected) throw new TransformError(`vmap: ${what} has ${count(axes.length, "entry", "entries")}; expected ${expected}`);
  return axes[i]!;
};

interface MappedLeaf {
  leaf: Tensor;
  axis: number | null;
}

/** The leaves of every argument with their mapped axis, and the common mapped size. */
function mappedLeaves(args: readonly unknown[], inAxes: Axes): { leaves: MappedLeaf[]; defs: TreeDef[]; size: number } {
  let size: number | undefined;
  let sizeFrom = "";
  const leaves: MappedLeaf[] = [];
  const defs = args.map((arg, i) => {
    const axis = axisFor(inAxes, i, args.length, "inAxes (one per argument)");
    const { leaves: ls, def } = flatten(arg, `vmap: argument ${i}`);
    for (const leaf of ls) {
      if (axis === null) {
        leaves.push({ leaf, axis: null });
        continue;
      }
      const a = normalizeAxis(`vmap: inAxes[${i}]`, axis, leaf.rank);
      const n = leaf.shape[a]!;
      if (size === undefined) [size, sizeFrom] = [n, `argument ${i} (shape ${formatShape(leaf.shape)}, axis ${a})`];
      else if (n !== size) {
        throw new TransformError(
          `vmap: mapped sizes differ: ${sizeFrom} has ${size} entries but argument ${i} (shape ${formatShape(leaf.shape)}, axis ${a}) has ${n}`,
        );
      }
      leaves.push({ leaf, axis: a });
    }
    return def;
  });
  if (size === undefined) throw new TransformError("vmap: no argument is mapped; give at least one a number in inAxes");
  return { leaves, defs, size };
}

function rebuildArgs(defs: TreeDef[], leaves: readonly Tensor[]): Tree[] {
  let at = 0;
  return defs.map((def) => {
    const count = leafCount(def);
    const tree = unflatten(def, leaves.slice(at, at + count));
    at += count;
    return tree;
  });
}

/** One vmap over all `size` entries. */
function vmapOnce(f: (...args: Tree[]) => unknown, defs: TreeDef[], leaves: readonly MappedLeaf[], size: number, outAxes: Axes): Tree {
  const trace = new BatchTrace(newLevel(), size);
  const wrapped = leaves.map(({ leaf, axis }) => (axis === null ? leaf : new BatchTracer(trace, leaf, axis)));
  const out = f(...rebuildArgs(defs, wrapped));
  const { leaves: outs, def } = flatten(out, "vmap: the function's output");
  if (outs.length === 0) throw new TransformError("vmap: the function returned no tensor");
  const results = outs.map((leaf, i) => {
    const axis = axisFor(outAxes, i, outs.length, "outAxes (one per output tensor)");
    const [val, dim] = trace.unpack(leaf);
    if (axis === null) {
      if (dim !== null) throw new TransformError(`vmap: output ${i} has outAxes null but depends on the mapped inputs`);
      return val;
    }
    if (dim === null) {
      // An output that does not depend on the mapped inputs is the same for every entry.
      const a = normalizeAxis(`vmap: outAxes[${i}]`, axis, val.rank + 1);
      const expanded = expandDims(val, a);
      return broadcastTo(
        expanded,
        expanded.shape.map((d, j) => (j === a ? size : d)),
      );
    }
    return moveAxis(val, dim, normalizeAxis(`vmap: outAxes[${i}]`, axis, val.rank));
  });
  return unflatten(def, results);
}

/**
 * Vectorizing map: f written for one entry, applied to every entry along the
 * mapped axes at once.
 *
 *     const jacobians = vmap(jacrev(f))(points);   // points [N, n] → [N, m, n]
 */
export function vmap<F extends (...args: any[]) => Tree>(f: F, options: VmapOptions = {}): (...args: Parameters<F>) => ReturnType<F> {
  const { inAxes = 0, outAxes = 0, chunkSize } = options;
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize > 0)) {
    throw new TransformError(`vmap: chunkSize must be a positive integer, got ${chunkSize}`);
  }
  return (...args: Parameters<F>) => {
    const { leaves, defs, size } = mappedLeaves(args, inAxes);
    if (chunkSize === undefined || size <= chunkSize) return vmapOnce(f, defs, leaves, size, outAxes) as ReturnType<F>;
    const chunks: Tree[] = [];
    for (let start = 0; start < size; start += chunkSize) {
      const end = Math.min(size, start + chunkSize);
      const part = leaves.map(({ leaf, axis }) =>
        axis === null
          ? { leaf, axis }
          : {
              leaf: slice(
                leaf,
                leaf.shape.map((_, d) => (d === axis ? start : 0)),
                leaf.shape.map((n, d) => (d === axis ? end : n)),
              ),
              axis,
            },
      );
      chunks.push(vmapOnce(f, defs, part, end - start, outAxes));
    }
    const flat = chunks.map((c) => flatten(c));
    const joined = flat[0]!.leaves.map((_, i) => {
      const axis = axisFor(outAxes, i, flat[0]!.leaves.length, "outAxes (one per output tensor)");
      const parts = flat.map((c) => c.leaves[i]!);
      return axis === null ? parts[0]! : concat(parts, axis);
    });
    return unflatten(flat[0]!.def, joined) as ReturnType<F>;
  };
}
