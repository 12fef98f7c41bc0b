import { abs, asinh, atan, cos, cosh, erf, exp, log, log10, log1p, maximum, minimum, sin, sinh, sqrt, tan, tanh, type Tensor } from "@nabla/tensor";

/** A function of the expression language: how many arguments it takes and what it computes. */
export interface LanguageFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly apply: (args: readonly Tensor[]) => Tensor;
}

const unary = (op: (x: Tensor) => Tensor): LanguageFunction => ({ minArgs: 1, maxArgs: 1, apply: ([x]) => op(x!) });
const fold = (op: (x: Tensor, y: Tensor) => Tensor): LanguageFunction => ({
  minArgs: 1,
  maxArgs: Infinity,
  apply: (args) => args.slice(1).reduce<Tensor>((acc, x) => op(acc, x), args[0]!),
});

/** The functions, by name. `log` is the natural logarithm; `min` and `max` take one or more arguments. */
export const FUNCTIONS: ReadonlyMap<string, LanguageFunction> = new Map([
  ["sqrt", unary(sqrt)],
  ["exp", unary(exp)],
  ["log", unary(log)],
  ["log10", unary(log10)],
  ["log1p", unary(log1p)],
  ["sin", unary(sin)],
  ["cos", unary(cos)],
  ["tan", unary(tan)],
  ["tanh", unary(tanh)],
  ["sinh", unary(sinh)],
  ["cosh", unary(cosh)],
  ["asinh", unary(asinh)],
  ["atan", unary(atan)],
  ["erf", unary(erf)],
  ["abs", unary(abs)],
  ["min", fold(minimum)],
  ["max", fold(maximum)],
]);

/** The named constants. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ["pi", Math.PI],
  ["e", Math.E],
]);

/** The binary operators, as written. `^` is the power, right-associative; unary `-` and `+` apply to what follows. */
export const OPERATORS = ["+", "-", "*", "/", "^"] as const;

/** Words mathjs reads as operators or literals: never names of inputs. */
export const OPERATOR_WORDS: ReadonlySet<string> = new Set(["mod", "and", "or", "xor", "not", "to", "in"]);
export const LITERAL_WORDS: ReadonlySet<string> = new Set(["true", "false", "null", "undefined", "end"]);

/** "sqrt, exp, …" for messages. */
export const functionList = (): string => [...FUNCTIONS.keys()].join(", ");

/** Why `name` cannot name an input (it is a function, a constant or a reserved word), or null when it can. */
export function reservedReason(name: string): string | null {
  if (FUNCTIONS.has(name)) return `"${name}" is a function of the expression language`;
  if (CONSTANTS.has(name)) return `"${name}" is a constant of the expression language`;
  if (OPERATOR_WORDS.has(name) || LITERAL_WORDS.has(name)) return `"${name}" is a reserved word`;
  return null;
}
