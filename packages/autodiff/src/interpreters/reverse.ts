import { add, bind, Tracer, type Prim, type PrimParams, type Tensor, type Trace } from "@nabla/tensor";
import { primalVjpRules, type PrimalVjpRule } from "../rules/elementwise.js";
import { vjpRules, type VjpRule } from "../rules/index.js";

let nodeCount = 0;

/**
 * One recorded operation. Ids grow as operations run, so every node's parents
 * have smaller ids: descending ids is a reverse topological order.
 */
export class Node {
  readonly id = ++nodeCount;
  constructor(
    readonly parents: readonly (Node | null)[],
    /** Cotangents of the parents from the cotangent of this node's output. */
    readonly backward: ((ct: Tensor) => (Tensor | null)[]) | null,
  ) {}
}

/** A value recorded on the tape of a reverse-mode trace. */
export class RevTracer extends Tracer {
  constructor(
    override readonly trace: RevTrace,
    readonly primal: Tensor,
    readonly node: Node,
  ) {
    super(trace, primal.shape, primal.dtype, primal.backend);
  }
}

export class RevTrace implements Trace {
  constructor(readonly level: number) {}

  unpack(x: Tensor): [Tensor, Node | null] {
    return x instanceof RevTracer && x.trace === this ? [x.primal, x.node] : [x, null];
  }

  process<P extends Prim>(prim: P, args: readonly Tensor[], params: PrimParams[P]): Tensor {
    const primals: Tensor[] = [];
    const parents: (Node | null)[] = [];
    for (const a of args) {
      const [p, n] = this.unpack(a);
      primals.push(p);
      parents.push(n);
    }
    const needs = parents.map((p) => p !== null);
    const own = (primalVjpRules[prim] as PrimalVjpRule<P> | undefined)?.(primals, needs, params);
    if (own) return new RevTracer(this, own.primal, new Node(parents, own.backward));
    const out = bind(prim, primals, params);
    // The rule runs later, on the primals kept here, at the levels below this one.
    const node = new Node(parents, (ct) => (vjpRules[prim] as VjpRule<P>)(ct, primals, out, params, needs));
    return new RevTracer(this, out, node);
  }
}

/**
 * Propagates output cotangents back through the tape; returns the cotangent
 * reaching each of `leaves` (null if none). `visit`, if given, sees each
 * recorded operation's cotangent once it is complete.
 */
export function backpropagate(
  outputs: readonly [Node, Tensor][],
  leaves: readonly Node[],
  visit?: (node: Node, ct: Tensor) => void,
): (Tensor | null)[] {
  const cts = new Map<Node, Tensor>();
  const accumulate = (node: Node, ct: Tensor): void => {
    const prev = cts.get(node);
    cts.set(node, prev === undefined ? ct : add(prev, ct));
  };
  const reachable = new Set<Node>();
  const stack: Node[] = [];
  for (const [node, ct] of outputs) {
    accumulate(node, ct);
    stack.push(node);
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (reachable.has(node)) continue;
    reachable.add(node);
    for (const p of node.parents) if (p !== null) stack.push(p);
  }
  const order = [...reachable].sort((a, b) => b.id - a.id);
  for (const node of order) {
    const ct = cts.get(node);
    if (ct === undefined || node.backward === null) continue;
    visit?.(node, ct);
    const parentCts = node.backward(ct);
    node.parents.forEach((p, i) => {
      const pct = parentCts[i];
      if (p !== null && pct !== null && pct !== undefined) accumulate(p, pct);
    });
    // Leaves keep theirs; everything else is released as soon as it is used.
    cts.delete(node);
  }
  return leaves.map((leaf) => cts.get(leaf) ?? null);
}
