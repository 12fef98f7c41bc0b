import { formatShape, sameShape, type Tensor } from "@nabla/tensor";
import { newLevel } from "../core/levels.js";
import { flatten, mapTensors, unflatten, type Tree } from "../core/tree.js";
import { TransformError } from "../errors.js";
import { JvpTrace, JvpTracer } from "../interpreters/jvp.js";
import { zerosLike } from "../rules/helpers.js";
import { splitAux } from "./args.js";

/** f's output, its tangent along `tangents`, and (with hasAux) the aux value with its primals. */
export function forward(
  name: string,
  f: (...args: Tensor[]) => unknown,
  primals: readonly Tensor[],
  tangents: readonly Tensor[],
  hasAux: boolean,
): { out: Tree; tangent: Tree; aux: unknown } {
  if (primals.length !== tangents.length) {
    throw new TransformError(`${name}: ${primals.length} primal(s) but ${tangents.length} tangent(s); give one tangent per primal`);
  }
  tangents.forEach((t, i) => {
    if (!sameShape(t.shape, primals[i]!.shape)) {
      throw new TransformError(`${name}: tangent ${i} has shape ${formatShape(t.shape)} but its primal has shape ${formatShape(primals[i]!.shape)}`);
    }
  });
  const trace = new JvpTrace(newLevel());
  const result = f(...primals.map((p, i) => new JvpTracer(trace, p, tangents[i]!)));
  const [raw, aux] = hasAux ? splitAux(name, result) : [result, undefined];
  const { leaves, def } = flatten(raw, `${name}: the function's output`);
  if (leaves.length === 0) throw new TransformError(`${name}: the function returned no tensor`);
  const pairs = leaves.map((leaf) => trace.unpack(leaf));
  return {
    out: unflatten(
      def,
      pairs.map(([p]) => p),
    ),
    tangent: unflatten(
      def,
      pairs.map(([p, t]) => t ?? zerosLike(p)),
    ),
    aux: mapTensors(aux, (t) => trace.unpack(t)[0]),
  };
}

/**
 * Forward mode: f's output and its directional derivative along `tangents`.
 *
 *     const [y, dy] = jvp((x) => sin(x), [x], [ones(x.shape)]);
 */
export function jvp<R extends Tree>(f: (...args: Tensor[]) => R, primals: readonly Tensor[], tangents: readonly Tensor[]): [R, R] {
  const { out, tangent } = forward("jvp", f, primals, tangents, false);
  return [out as R, tangent as R];
}
