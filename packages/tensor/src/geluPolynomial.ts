/**
 * Coefficients (lowest degree first) of P_k with GELU^(k)(x) = φ(x)·P_k(x) for
 * k ≥ 2: P_2 = 2 − x², and P_{k+1} = P_k′ − x·P_k because φ′ = −x·φ. Every
 * backend's kernel for the derivatives of exact GELU evaluates it.
 */
export function geluPolynomial(order: number): number[] {
  let p = [2, 0, -1];
  for (let k = 2; k < order; k++) {
    const next = new Array<number>(p.length + 1).fill(0);
    p.forEach((c, i) => {
      if (i > 0) next[i - 1]! += i * c;
      next[i + 1]! -= c;
    });
    p = next;
  }
  return p;
}
