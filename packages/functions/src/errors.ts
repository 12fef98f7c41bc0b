/**
 * An expression of the user's function cannot be compiled: a syntax error, an
 * unknown name, or something outside the expression language.
 *
 * The message names the expression, the 1-based column (in UTF-16 code units of
 * the expression as it was split and trimmed), what is wrong there and what was
 * expected, and draws a caret under the column.
 */
export class ExpressionError extends SyntaxError {
  override name = "ExpressionError";

  constructor(
    /** The expression's text. */
    readonly expression: string,
    /** Its 0-based position in the list of expressions. */
    readonly index: number,
    /** How many expressions there are. */
    readonly count: number,
    /** 1-based column of the problem; expression.length + 1 means its end. */
    readonly column: number,
    /** What is wrong and what was expected, without the location. */
    readonly reason: string,
  ) {
    const which = count > 1 ? `expression ${index + 1} of ${count}` : "expression";
    const shown = expression.length > 0 ? expression : "(empty)";
    super(`${which} "${expression}", column ${column}: ${reason}\n  ${shown}\n  ${" ".repeat(Math.max(0, column - 1))}^`);
  }
}

/** The input names given to the expressions (or implied by them) are unusable. */
export class InputsError extends TypeError {
  override name = "InputsError";
}

/** No catalogue entry has the requested id. */
export class UnknownFunctionIdError extends RangeError {
  override name = "UnknownFunctionIdError";

  constructor(
    readonly id: string,
    readonly known: readonly string[],
  ) {
    super(`unknown function id "${id}"; expected one of: ${known.join(", ")}`);
  }
}

/** A function description is inconsistent (lengths of names, ranges and defaults; empty ranges; defaults outside them). */
export class FunctionDefinitionError extends TypeError {
  override name = "FunctionDefinitionError";
}

/** A function was called with a tensor whose last axis is not its number of inputs. */
export class InputShapeError extends TypeError {
  override name = "InputShapeError";
}
