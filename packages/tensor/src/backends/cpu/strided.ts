import type { HostArray } from "../../backend.js";
import type { Shape } from "../../shape.js";

/** Runs of values shorter than this are copied one value at a time: a subarray for each would cost more than the copy. */
export const SHORT_RUN = 16;

/** out[to …] = from[at … at + count), a short run one value at a time. */
export function copyRun(from: HostArray, at: number, out: HostArray, to: number, count: number): void {
  if (count < SHORT_RUN) for (let i = 0; i < count; i++) out[to + i] = from[at + i]!;
  else out.set(from.subarray(at, at + count), to);
}

/**
 * The fewest dimensions that walk `shape` as `strides` do (operand k's,
 * aligned to it): size-1 dimensions dropped, and neighbours that every operand
 * steps through as one merged into one.
 */
export function mergeDims(shape: Shape, strides: readonly (readonly number[])[]): { dims: number[]; strides: number[][] } {
  const dims: number[] = [];
  const st: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((s, k) => st[k]![last] === s[d]! * shape[d]!)) {
      dims[last]! *= shape[d]!;
      strides.forEach((s, k) => (st[k]![last] = s[d]!));
    } else {
      dims.push(shape[d]!);
      strides.forEach((s, k) => st[k]!.push(s[d]!));
    }
  }
  return { dims, strides: st };
}

/**
 * Walks an output of `shape` row by row (the last dimension of `mergeDims`),
 * giving each operand's offset at the row start: a same-shape operation is a
 * single row.
 * `strides[k]` are operand k's strides aligned to `shape` (0 where broadcast).
 */
export function forEachRow(
  shape: Shape,
  strides: readonly (readonly number[])[],
  row: (offsets: number[], length: number, innerStrides: number[]) => void,
): void {
  const { dims, strides: st } = mergeDims(shape, strides);
  const operands = strides.length;
  if (dims.length === 0) {
    row(new Array<number>(operands).fill(0), shape.some((d) => d === 0) ? 0 : 1, new Array<number>(operands).fill(0));
    return;
  }
  if (dims.some((d) => d === 0)) return;
  const inner = dims.length - 1;
  const length = dims[inner]!;
  const innerStrides = st.map((s) => s[inner]!);
  const offsets = new Array<number>(operands).fill(0);
  const counter = new Array<number>(inner).fill(0);
  for (;;) {
    row(offsets, length, innerStrides);
    let d = inner - 1;
    for (; d >= 0; d--) {
      counter[d]!++;
      for (let k = 0; k < operands; k++) offsets[k]! += st[k]![d]!;
      if (counter[d]! < dims[d]!) break;
      for (let k = 0; k < operands; k++) offsets[k]! -= st[k]![d]! * dims[d]!;
      counter[d] = 0;
    }
    if (d < 0) return;
  }
}
