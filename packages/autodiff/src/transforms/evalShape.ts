import { Tensor } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { flatten, mapTree, type Tree } from "../core/tree.js";
import { ShapeTrace, ShapeTracer, type Work } from "../interpreters/shape.js";

/** f's output with shapes and dtypes only: nothing is computed. */
export function evalShape<R extends Tree>(f: (...args: any[]) => R, ...args: unknown[]): R {
  return traceShapes(f, args).out;
}

/** The work f does on these arguments, counted on shapes (nothing is computed): see `Work`. */
export function countWork(f: (...args: any[]) => Tree, ...args: unknown[]): Work {
  return traceShapes(f, args).work;
}

/** f run on shapes alone: its output and its work. */
export function traceShapes<R extends Tree>(f: (...args: any[]) => R, args: readonly unknown[]): { out: R; work: Work } {
  const trace = new ShapeTrace(newLevel());
  const abstract = args.map((a) =>
    a instanceof Tensor || Array.isArray(a) || (a !== null && typeof a === "object")
      ? mapTree(a as Tree, (t) => new ShapeTracer(trace, t.shape, t.dtype))
      : a,
  );
  const out = f(...abstract);
  flatten(out, "evalShape: the function's output");
  return { out, work: trace.work };
}

/** How many numbers f returns on these arguments (every output leaf's), and its work, counted on shapes. */
export function traceOutputSize(f: (...args: any[]) => Tree, args: readonly unknown[]): { size: number; work: Work } {
  const { out, work } = traceShapes(f, args);
  return { size: flatten(out).leaves.reduce((acc, t) => acc + t.size, 0), work };
}
