import { tensor } from "@nabla/tensor";

type F = (x: ReturnType<typeof tensor>) => ReturnType<typeof tensor>;

/** f at many points in one batched call, as plain arrays [M][nOut]. */
function values(f: F, points: number[][]): number[][] {
  return f(tensor(points)).toArray() as number[][];
}

const shifted = (p: readonly number[], moves: [number, number][]): number[] => {
  const q = [...p];
  for (const [i, d] of moves) q[i]! += d;
  return q;
};

/** Central differences of the values: J[k][i] ≈ (f(p + h eᵢ) − f(p − h eᵢ)) / 2h, shape [N][nOut][nIn]. */
export function fdJacobian(f: F, points: number[][], h = 1e-5): number[][][] {
  return points.map((p) => {
    const n = p.length;
    const rows = values(f, Array.from({ length: n }, (_, i) => [shifted(p, [[i, h]]), shifted(p, [[i, -h]])]).flat());
    const m = rows[0]!.length;
    return Array.from({ length: m }, (_, k) => Array.from({ length: n }, (_, i) => (rows[2 * i]![k]! - rows[2 * i + 1]![k]!) / (2 * h)));
  });
}

/**
 * Central differences of the values for second derivatives, shape [N][nOut][nIn][nIn]:
 * H[k][i][j] ≈ (f(p + h eᵢ + h eⱼ) − f(p + h eᵢ − h eⱼ) − f(p − h eᵢ + h eⱼ) + f(p − h eᵢ − h eⱼ)) / 4h²
 * (for i = j this is the three-point formula with step 2h).
 */
export function fdHessian(f: F, points: number[][], h = 1e-4): number[][][][] {
  return points.map((p) => {
    const n = p.length;
    const pairs = Array.from({ length: n * n }, (_, ij) => [Math.floor(ij / n), ij % n] as const);
    const stencil = pairs.flatMap(([i, j]) => [
      shifted(p, [
        [i, h],
        [j, h],
      ]),
      shifted(p, [
        [i, h],
        [j, -h],
      ]),
      shifted(p, [
        [i, -h],
        [j, h],
      ]),
      shifted(p, [
        [i, -h],
        [j, -h],
      ]),
    ]);
    const rows = values(f, stencil);
    const m = rows[0]!.length;
    return Array.from({ length: m }, (_, k) =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => {
          const at = 4 * (i * n + j);
          return (rows[at]![k]! - rows[at + 1]![k]! - rows[at + 2]![k]! + rows[at + 3]![k]!) / (4 * h * h);
        }),
      ),
    );
  });
}
