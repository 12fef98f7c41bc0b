import { Tensor } from "@nabla/tensor";
import { TransformError } from "../errors.js";

/** Which positional arguments to differentiate: one index, or several. */
export type Argnums = number | readonly number[];

export function argnumList(name: string, argnums: Argnums, args: readonly unknown[]): number[] {
  const list = typeof argnums === "number" ? [argnums] : [...argnums];
  if (list.length === 0) throw new TransformError(`${name}: argnums is empty; name at least one argument to differentiate`);
  return list.map((a) => {
    const i = a < 0 ? a + args.length : a;
    if (!Number.isInteger(a) || i < 0 || i >= args.length) {
      throw new TransformError(`${name}: argnums ${a} is out of range: the function was called with ${args.length} argument(s)`);
    }
    if (!(args[i] instanceof Tensor)) {
      throw new TransformError(
        `${name}: argument ${i} is differentiated (argnums) but is ${args[i] === null ? "null" : typeof args[i]}, expected a Tensor`,
      );
    }
    return i;
  });
}

/** `args` with the entries at `positions` replaced by `values`. */
export function substitute(args: readonly unknown[], positions: readonly number[], values: readonly Tensor[]): unknown[] {
  const out = [...args];
  positions.forEach((p, j) => (out[p] = values[j]));
  return out;
}

/** Splits `[out, aux]` from a function called with hasAux. */
export function splitAux(name: string, result: unknown): [unknown, unknown] {
  if (!Array.isArray(result) || result.length !== 2) {
    throw new TransformError(
      `${name}: with hasAux the function must return [output, aux], got ${Array.isArray(result) ? `an array of ${result.length}` : typeof result}`,
    );
  }
  return [result[0], result[1]];
}
