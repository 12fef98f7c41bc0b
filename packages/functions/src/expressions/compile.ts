import { add, div, exp, mul, neg, pow, sub, type Tensor } from "@nabla/tensor";
import type { ConstantNode, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from "mathjs";
import { CONSTANTS, FUNCTIONS } from "./language.js";

/** What an expression reads when it runs: the input columns and constants like them. */
export interface Scope {
  input(name: string): Tensor;
  constant(value: number): Tensor;
}

/** A compiled expression: its value, with the batch shape of the inputs (or [] if it uses none). */
export type Evaluator = (scope: Scope) => Tensor;

/** Reports a node outside the language; never returns. */
export type FailAt = (node: MathNode, reason: string) => never;

const BINARY: Readonly<Record<string, (x: Tensor, y: Tensor) => Tensor>> = { add, subtract: sub, multiply: mul, divide: div, pow };

/**
 * Compiles a mathjs tree of the language to tensor ops (nothing is evaluated
 * by mathjs). Any other node (assignment, matrix, string, unknown operator…)
 * is reported, a second line of defence behind `checkExpression`.
 */
export function compileNode(node: MathNode, inputs: { has(name: string): boolean }, fail: FailAt): Evaluator {
  const compile = (n: MathNode): Evaluator => {
    switch (n.type) {
      case "ConstantNode": {
        const value: unknown = (n as ConstantNode).value;
        if (typeof value !== "number" || !Number.isFinite(value)) fail(n, `the constant ${String(value)} is not a finite number`);
        return (s) => s.constant(value);
      }
      case "SymbolNode": {
        const { name } = n as SymbolNode;
        const value = CONSTANTS.get(name);
        if (value !== undefined) return (s) => s.constant(value);
        if (!inputs.has(name)) fail(n, `unknown name "${name}"`);
        return (s) => s.input(name);
      }
      case "ParenthesisNode":
        return compile((n as ParenthesisNode).content);
      case "OperatorNode": {
        const { fn, args, implicit } = n as OperatorNode<never, never>;
        const name = fn as string;
        if (implicit) fail(n, "implicit multiplication is not supported; write *");
        if (name === "unaryMinus" || name === "unaryPlus") {
          const x = compile(args[0]!);
          return name === "unaryMinus" ? (s) => neg(x(s)) : x;
        }
        const op = Object.hasOwn(BINARY, name) ? BINARY[name] : undefined;
        if (!op || args.length !== 2) fail(n, `the operator "${(n as OperatorNode<never, never>).op}" is not supported; expected + - * / ^`);
        const [a, b] = args as [MathNode, MathNode];
        // e^x as exp(x): exact derivatives, no log(e).
        if (name === "pow" && unwrap(a).type === "SymbolNode" && (unwrap(a) as SymbolNode).name === "e") {
          const y = compile(b);
          return (s) => exp(y(s));
        }
        const [x, y] = [compile(a), compile(b)];
        return (s) => op(x(s), y(s));
      }
      case "FunctionNode": {
        const { fn: callee, args } = n as FunctionNode;
        const name = callee.type === "SymbolNode" ? callee.name : undefined;
        const spec = name === undefined ? undefined : FUNCTIONS.get(name);
        if (!spec) fail(n, `unknown function${name === undefined ? "" : ` "${name}"`}`);
        if (args.length < spec.minArgs || args.length > spec.maxArgs) fail(n, `${name} cannot take ${args.length} arguments`);
        const compiled = args.map(compile);
        return (s) => spec.apply(compiled.map((c) => c(s)));
      }
      default:
        return fail(n, `${n.type} is not part of the expression language`);
    }
  };
  return compile(node);
}

function unwrap(node: MathNode): MathNode {
  return node.type === "ParenthesisNode" ? unwrap((node as ParenthesisNode).content) : node;
}
