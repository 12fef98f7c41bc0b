import { expect } from "chai";
import { compileExpressions, ExpressionError, type ExpressionOptions } from "../../src/index.js";

interface Failure {
  exprs: string | string[];
  options?: ExpressionOptions;
  /** Which expression (0-based) and column (1-based) the error names. */
  index?: number;
  column: number;
  /** Part of the reason. */
  says: RegExp;
}

function failureOf(exprs: string | string[], options?: ExpressionOptions): ExpressionError {
  try {
    compileExpressions(exprs, options);
  } catch (error) {
    expect(error).to.be.instanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected ${JSON.stringify(exprs)} to fail`);
}

const groups: Record<string, Failure[]> = {
  "unknown functions": [
    { exprs: "foo(x1)", column: 1, says: /unknown function "foo"; expected one of sqrt, exp, log, .*min, max/ },
    { exprs: "x1 + bar(x2)", column: 6, says: /unknown function "bar"/ },
    { exprs: "Sin(x1)", column: 1, says: /unknown function "Sin" \(names are case-sensitive: did you mean "sin"\?\)/ },
    { exprs: "x1(2)", column: 1, says: /"x1" is an input, not a function; write "x1\*\(…\)" to multiply/ },
    { exprs: "f(x) = x^2", column: 1, says: /unknown function "f"/ },
  ],
  "unbalanced parentheses": [
    { exprs: "(x1 + 2", column: 1, says: /unbalanced "\(": it is never closed; expected "\)"/ },
    { exprs: "((x1)", column: 1, says: /unbalanced "\("/ },
    { exprs: "sin(x1", column: 4, says: /unbalanced "\("/ },
    { exprs: "x1 + 2)", column: 7, says: /unbalanced "\)": there is no "\(" before it to close/ },
    { exprs: "(x1))", column: 5, says: /unbalanced "\)"/ },
    { exprs: "()", column: 2, says: /unexpected "\)" after "\("; expected a number, an input/ },
  ],
  "names that are not inputs": [
    {
      exprs: "x1 + x3",
      options: { inputs: ["x1", "x2"] },
      column: 6,
      says: /unknown name "x3"; expected an input \(x1, x2\) or a constant \(pi, e\)/,
    },
    { exprs: "P * radius", options: { inputs: ["P", "radm"] }, column: 5, says: /unknown name "radius"; expected an input \(P, radm\)/ },
    { exprs: "y + 1", column: 1, says: /unknown name "y"; expected an input \(x1, x2, …\) or a constant \(pi, e\)/ },
    { exprs: "x0 + x1", column: 1, says: /unknown name "x0"/ },
    { exprs: "PI * x1", column: 1, says: /unknown name "PI" \(names are case-sensitive: did you mean "pi"\?\)/ },
    { exprs: "5 cm", column: 3, says: /unknown name "cm"/ },
    { exprs: "x1 + true", column: 6, says: /unknown name "true"/ },
    { exprs: "sin + 1", column: 1, says: /"sin" is a function; expected "\(" after it/ },
  ],
  "empty expressions": [
    { exprs: "", column: 1, says: /empty expression/ },
    { exprs: "   ", column: 1, says: /empty expression/ },
    { exprs: "x1; ; x2", index: 1, column: 1, says: /empty expression/ },
    { exprs: "x1;", index: 1, column: 1, says: /empty expression/ },
    { exprs: [], column: 1, says: /no expression; expected at least one/ },
  ],
  "JavaScript and other code": [
    { exprs: 'constructor.constructor("x")()', column: 1, says: /unknown name "constructor"/ },
    { exprs: 'import("fs")', column: 1, says: /unknown function "import"/ },
    { exprs: 'require("child_process")', column: 1, says: /unknown function "require"/ },
    { exprs: "x1.constructor", column: 3, says: /unexpected "\.": property access/ },
    { exprs: "__proto__ + x1", column: 1, says: /unknown name "__proto__"/ },
    { exprs: "x1 = 2", column: 4, says: /unexpected "=": assignments and comparisons are not supported/ },
    { exprs: "(() => x1)", column: 3, says: /unexpected "\)" after "\("/ },
    { exprs: "`x1`", column: 1, says: /unexpected "`": strings are not supported/ },
    { exprs: "x1 $ 2", column: 4, says: /unexpected "\$": this character is not part of the expression language/ },
  ],
  "the rest of mathjs's language": [
    { exprs: "[1, 2] * x1", column: 1, says: /matrices and indexing are not supported/ },
    { exprs: "x1[1]", column: 3, says: /matrices and indexing are not supported/ },
    { exprs: "{a: 1}", column: 1, says: /objects are not supported/ },
    { exprs: '"abc"', column: 1, says: /strings are not supported/ },
    { exprs: "1:3", column: 2, says: /ranges are not supported/ },
    { exprs: "x1 > 0 ? x1 : 0", column: 4, says: /comparisons are not supported/ },
    { exprs: "x1 ? 1 : 2", column: 4, says: /conditionals are not supported/ },
    { exprs: "x1!", column: 3, says: /factorials/ },
    { exprs: "x1'", column: 3, says: /transposes/ },
    { exprs: "x1 % 2", column: 4, says: /modulo/ },
    { exprs: "x1 mod 2", column: 4, says: /"mod" is an operator this language does not have/ },
    { exprs: "not x1", column: 1, says: /"not" is an operator this language does not have/ },
    { exprs: "x1 .* x2", column: 4, says: /element-wise operators/ },
    { exprs: "2.^x1", column: 2, says: /element-wise operators/ },
    { exprs: "x1 # note", column: 4, says: /comments are not supported/ },
    { exprs: ["x1; x2"], column: 3, says: /";" separates expressions only in the single-string form/ },
    { exprs: "0x1F * x1", column: 1, says: /hexadecimal literals are not supported/ },
  ],
  "implicit multiplication": [
    { exprs: "2x1", column: 2, says: /implicit multiplication is not supported; .* \(write "2\*x1" to multiply\)/ },
    { exprs: "x1 x2", column: 4, says: /implicit multiplication/ },
    { exprs: "2 (x1 + 1)", column: 3, says: /implicit multiplication/ },
    { exprs: "(x1)(x2)", column: 5, says: /implicit multiplication/ },
    { exprs: "1/2x1", column: 4, says: /implicit multiplication/ },
    { exprs: "2 3", column: 3, says: /implicit multiplication/ },
  ],
  "misplaced operators, commas and arguments": [
    {
      exprs: "x1 +",
      column: 5,
      says: /unexpected end of the expression after "\+"; expected a number, an input, a constant \(pi, e\), a function call or "\("/,
    },
    { exprs: "* x1", column: 1, says: /unexpected "\*" at the start/ },
    { exprs: "x1 ** 2", column: 5, says: /\(write "\^" for powers\)/ },
    { exprs: "x1 ^ / 2", column: 6, says: /unexpected "\/" after "\^"/ },
    { exprs: "x1, x2", column: 3, says: /"," outside the arguments of a function call/ },
    { exprs: "max(x1,)", column: 8, says: /unexpected "\)" after ","/ },
    { exprs: "max(, x1)", column: 5, says: /unexpected "," after "\("/ },
    { exprs: "sin(x1, x2)", column: 1, says: /sin takes 1 argument, got 2/ },
    { exprs: "exp()", column: 1, says: /exp takes 1 argument, got none/ },
    { exprs: "max()", column: 1, says: /max takes at least 1 argument, got none/ },
    { exprs: "1e+ * x1", column: 4, says: /expected a digit in the exponent of "1e\+"/ },
    { exprs: "1e999 * x1", column: 1, says: /beyond the float64 range/ },
  ],
};

describe("expressions: what must fail names the expression and the column", () => {
  for (const [group, failures] of Object.entries(groups)) {
    describe(group, () => {
      for (const { exprs, options, index = 0, column, says } of failures) {
        it(`${JSON.stringify(exprs)} → column ${column}`, () => {
          const error = failureOf(exprs, options);
          expect(error.reason).to.match(says);
          expect(error.column, error.message).to.equal(column);
          expect(error.index).to.equal(index);
          expect(error.message).to.contain(`"${error.expression}", column ${column}: `);
          // The caret sits under the column.
          const lines = error.message.split("\n");
          expect(lines[2]!.indexOf("^") - 2).to.equal(column - 1);
        });
      }
    });
  }

  it("numbers the expression within a list and shows the expression as it was split", () => {
    const error = failureOf("x1 + 2*x2;  x1^ ; x1*x2^2");
    expect([error.index, error.count, error.expression, error.column]).to.deep.equal([1, 3, "x1^", 4]);
    expect(error.message).to.match(/^expression 2 of 3 "x1\^", column 4: unexpected end of the expression after "\^"/);
  });
});
