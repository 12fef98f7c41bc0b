import { tensor, type Tensor } from "@nabla/tensor";
import type { MathNode } from "mathjs";
import type { AnalyticFunction } from "../analyticFunction.js";
import { defineFunction } from "../defineFunction.js";
import { ExpressionError, FunctionDefinitionError } from "../errors.js";
import { latexName, mappingLatex } from "../latex.js";
import { checkExpression, type InputNames } from "./check.js";
import { compileNode, type Evaluator, type Scope } from "./compile.js";
import { automaticInputs, givenInputs, inferInputs } from "./inputs.js";
import { expressionLatex } from "./latex.js";
import { parseExpression } from "./parse.js";
import { splitExpressions } from "./split.js";
import { tokenize, type Fail, type Token } from "./tokens.js";

export interface ExpressionOptions {
  /**
   * The input names, in the order of the last axis of x. Default: x1, x2, …,
   * xK, where K is the highest index among the names xk (k ≥ 1, no leading
   * zero) that the expressions use, so xk always reads column k.
   */
  readonly inputs?: readonly string[];
  /** One name per expression. Default: f1, f2, … */
  readonly outputs?: readonly string[];
  /** Sampling range of each input. Default: [-1, 1]. */
  readonly ranges?: readonly (readonly [number, number])[];
  /** Default value of each input. Default: the middle of its range. */
  readonly defaults?: readonly number[];
  /** Default: the expressions joined by "; ". */
  readonly id?: string;
  /** Default: the id. */
  readonly title?: string;
}

/** Where a node of the tree starts, as near as the tokens tell: the first token with its name or operator. */
function locate(node: MathNode, tokens: readonly Token[]): number {
  const text = (node as { name?: unknown }).name ?? (node as { fn?: { name?: unknown } }).fn?.name ?? (node as { op?: unknown }).op;
  return tokens.find((t) => t.text === text)?.column ?? 1;
}

interface Compiled {
  readonly compute: Evaluator;
  readonly latex: string;
  readonly used: readonly string[];
}

function compileOne(text: string, index: number, count: number, inputs: InputNames): Compiled {
  const fail: Fail = (column, reason) => {
    throw new ExpressionError(text, index, count, column, reason);
  };
  const tokens = tokenize(text);
  checkExpression(tokens, inputs, fail);
  const node = parseExpression(text, fail);
  const compute = compileNode(node, inputs, (n, reason) => fail(locate(n, tokens), reason));
  const used = tokens.filter((t, k) => t.kind === "name" && tokens[k + 1]!.kind !== "(" && inputs.has(t.text)).map((t) => t.text);
  return { compute, latex: expressionLatex(node), used };
}

/**
 * The user's function: one expression per output, in the input names,
 * compiled to tensor ops (batched, differentiable to any order).
 *
 *     const fn = compileExpressions("x1 + 2*x2; x1^2; x1*x2^2");
 *     fn.inputs;                        // ["x1", "x2"]
 *     vmap(hessian(fn.f))(points);      // [N, 3, 2, 2]
 *
 * The language: numbers (decimal, with exponent), the inputs, the constants
 * pi and e; + - * / ^ (right-associative power), unary - and +, parentheses;
 * sqrt, exp, log (natural), log10, log1p, sin, cos, tan, tanh, sinh, cosh,
 * asinh, atan, erf, abs, and min, max of one or more arguments. Every
 * multiplication is written with *: implicit multiplication ("2x1", "x1 x2",
 * "2(x1+1)") is rejected, since mathjs would give it a precedence of its own
 * ("1/2x1" is (1/2)·x1 there). Parsing is mathjs's `parse`; nothing is
 * evaluated by mathjs or by JavaScript. Anything else throws `ExpressionError`
 * naming the expression, the 1-based column and what was expected.
 *
 * `exprs`: a list of expressions, or one string "e1; e2; …".
 */
export function compileExpressions(exprs: string | readonly string[], options: ExpressionOptions = {}): AnalyticFunction {
  const texts = splitExpressions(exprs);
  if (texts.length === 0) throw new ExpressionError("", 0, 1, 1, `no expression; expected at least one, such as "x1 + 2*x2"`);
  const names = options.inputs ? givenInputs(options.inputs) : automaticInputs;
  const compiled = texts.map((text, i) => compileOne(text, i, texts.length, names));
  const inputs = options.inputs ? [...options.inputs] : inferInputs(compiled.flatMap((c) => c.used));
  if (options.outputs && options.outputs.length !== texts.length) {
    throw new FunctionDefinitionError(
      `${texts.length} expression${texts.length === 1 ? "" : "s"} but ${options.outputs.length} output names (${options.outputs.join(", ")}); expected one name per expression`,
    );
  }
  const outputs = options.outputs ?? texts.map((_, k) => `f${k + 1}`);
  const ranges = options.ranges ?? inputs.map((): readonly [number, number] => [-1, 1]);
  const column = new Map(inputs.map((name, k) => [name, k]));
  const id = options.id ?? texts.join("; ");

  return defineFunction({
    id,
    title: options.title ?? id,
    latex: mappingLatex(
      inputs.map(latexName),
      compiled.map((c) => c.latex),
    ),
    inputs,
    outputs,
    ranges,
    defaults: options.defaults ?? ranges.map(([low, high]) => (low + high) / 2),
    formula: (columns) => {
      const like = { dtype: columns[0]!.dtype, backend: columns[0]!.backend };
      const scope: Scope = {
        input: (name) => columns[column.get(name)!]!,
        constant: (value): Tensor => tensor(value, [], like),
      };
      return compiled.map((c) => c.compute(scope));
    },
  });
}
