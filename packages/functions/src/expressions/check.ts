import { CONSTANTS, FUNCTIONS, functionList, OPERATOR_WORDS, type LanguageFunction } from "./language.js";
import type { Fail, Token } from "./tokens.js";

/** Which names are inputs, and how to list them in a message. */
export interface InputNames {
  has(name: string): boolean;
  /** For messages: "x1, x2" or "x1, x2, …". */
  readonly description: string;
}

interface Frame {
  readonly kind: "group" | "call";
  /** Column of the "(". */
  readonly open: number;
  /** For a call: the function's name token. */
  readonly callee?: Token;
  args: number;
}

const OPERAND = `a number, an input, a constant (pi, e), a function call or "("`;

const quoted = (t: Token): string => (t.kind === "end" ? "the end of the expression" : `"${t.text}"`);

function operatorExpected(stack: readonly Frame[]): string {
  const top = stack.at(-1);
  if (!top) return `an operator (+ - * / ^) or the end of the expression`;
  return top.kind === "call" ? `an operator (+ - * / ^), "," or ")"` : `an operator (+ - * / ^) or ")"`;
}

function caseHint(name: string): string {
  const lower = name.toLowerCase();
  return lower !== name && (FUNCTIONS.has(lower) || CONSTANTS.has(lower)) ? ` (names are case-sensitive: did you mean "${lower}"?)` : "";
}

/**
 * Checks that the tokens form an expression of the language, reporting the
 * first problem from the left at its column: unknown names and functions,
 * misplaced operators, unbalanced parentheses, wrong argument counts, implicit
 * multiplication. What passes parses with mathjs into a tree of the language.
 */
export function checkExpression(tokens: readonly Token[], inputs: InputNames, fail: Fail): void {
  const stack: Frame[] = [];
  let expectOperand = true;

  const checkSymbol = (t: Token): void => {
    const name = t.text;
    if (inputs.has(name) || CONSTANTS.has(name)) return;
    if (FUNCTIONS.has(name)) fail(t.column, `"${name}" is a function; expected "(" after it, as in ${name}(x1)`);
    if (OPERATOR_WORDS.has(name)) fail(t.column, `"${name}" is an operator this language does not have; expected + - * / ^`);
    fail(t.column, `unknown name "${name}"${caseHint(name)}; expected an input (${inputs.description}) or a constant (pi, e)`);
  };
  const checkCallee = (t: Token): void => {
    const name = t.text;
    if (FUNCTIONS.has(name)) return;
    if (inputs.has(name) || CONSTANTS.has(name)) {
      fail(t.column, `"${name}" is ${inputs.has(name) ? "an input" : "a constant"}, not a function; write "${name}*(…)" to multiply`);
    }
    if (OPERATOR_WORDS.has(name)) fail(t.column, `"${name}" is an operator this language does not have; expected + - * / ^`);
    fail(t.column, `unknown function "${name}"${caseHint(name)}; expected one of ${functionList()}`);
  };
  const checkArity = (callee: Token, args: number): void => {
    const fn: LanguageFunction = FUNCTIONS.get(callee.text)!;
    if (args >= fn.minArgs && args <= fn.maxArgs) return;
    const wanted =
      fn.maxArgs === Infinity
        ? `at least ${fn.minArgs} argument${fn.minArgs === 1 ? "" : "s"}`
        : `${fn.minArgs} argument${fn.minArgs === 1 ? "" : "s"}`;
    fail(callee.column, `${callee.text} takes ${wanted}, got ${args === 0 ? "none" : args}`);
  };

  const isKnown = (name: string): boolean => inputs.has(name) || CONSTANTS.has(name) || FUNCTIONS.has(name);

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1];
    const after = prev ? ` after ${quoted(prev)}` : " at the start";
    if (t.kind === "invalid") fail(t.column, t.reason!);
    if (expectOperand) {
      switch (t.kind) {
        case "operator":
          if (t.text === "+" || t.text === "-") continue; // unary
          fail(
            t.column,
            `unexpected "${t.text}"${after}; expected ${OPERAND}${prev?.text === "*" && t.text === "*" ? ' (write "^" for powers)' : ""}`,
          );
        case "number":
          if (!Number.isFinite(Number(t.text)))
            fail(t.column, `the number ${t.text} is beyond the float64 range; expected a magnitude below 1.8e308`);
          expectOperand = false;
          continue;
        case "name": {
          const next = tokens[k + 1]!;
          if (next.kind === "(") {
            checkCallee(t);
            stack.push({ kind: "call", open: next.column, callee: t, args: 0 });
            k++; // the "(": an operand or ")" follows
          } else {
            checkSymbol(t);
            expectOperand = false;
          }
          continue;
        }
        case "(":
          stack.push({ kind: "group", open: t.column, args: 0 });
          continue;
        case ")": {
          const top = stack.at(-1);
          if (top?.kind === "call" && prev?.kind === "(") {
            checkArity(top.callee!, 0);
            stack.pop();
            expectOperand = false;
            continue;
          }
          fail(t.column, `unexpected ")"${after}; expected ${OPERAND}`);
        }
        case ",":
          fail(t.column, `unexpected ","${after}; expected ${OPERAND}`);
        case "end":
          if (!prev) fail(1, `empty expression; expected a formula of the inputs such as "x1 + 2*x2"`);
          fail(t.column, `unexpected end of the expression${after}; expected ${OPERAND}`);
      }
    } else {
      switch (t.kind) {
        case "operator":
          expectOperand = true;
          continue;
        case ")": {
          const top = stack.pop();
          if (!top) fail(t.column, `unbalanced ")": there is no "(" before it to close; expected ${operatorExpected(stack)}`);
          if (top.kind === "call") checkArity(top.callee!, top.args + 1);
          continue;
        }
        case ",": {
          const top = stack.at(-1);
          if (top?.kind !== "call") fail(t.column, `"," outside the arguments of a function call; expected ${operatorExpected(stack)}`);
          top.args++;
          expectOperand = true;
          continue;
        }
        case "end": {
          const open = stack.at(-1);
          if (open) fail(open.open, `unbalanced "(": it is never closed; expected ")" before the end of the expression`);
          return;
        }
        default:
          // A name that is wrong in itself is reported as such first ("5 cm", "x1 mod 2").
          if (t.kind === "name" && !isKnown(t.text)) (tokens[k + 1]!.kind === "(" ? checkCallee : checkSymbol)(t);
          fail(
            t.column,
            `implicit multiplication is not supported; expected ${operatorExpected(stack)} before ${quoted(t)} (write "${prev!.text}*${t.text}" to multiply)`,
          );
      }
    }
  }
}
