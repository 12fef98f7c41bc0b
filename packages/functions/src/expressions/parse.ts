import type { MathNode } from "mathjs";
// mathjs's number-only entry: its main one builds every function of every
// number type when imported (about 2.5 s, against 1.2 s for this one).
import { create, parseDependencies } from "mathjs/number";
import type { Fail } from "./tokens.js";

/** A mathjs instance with its parser only: no evaluation functions are loaded. */
const math = create({ parseDependencies });

/**
 * The mathjs tree of one expression (already checked by `checkExpression`).
 * White space becomes plain spaces first, since mathjs reads a line break as
 * the end of a statement. A mathjs syntax error is reported at its column.
 */
export function parseExpression(text: string, fail: Fail): MathNode {
  const flat = text.replace(/\s/g, " ");
  try {
    return math.parse(flat);
  } catch (error) {
    const char = (error as { char?: unknown }).char;
    if (error instanceof SyntaxError && typeof char === "number") {
      fail(char, `${error.message.replace(/\s*\(char \d+\)$/, "")}; expected numbers, names, + - * / ^, parentheses and function calls`);
    }
    throw error;
  }
}
