/** A token of the expression language, with its 1-based column. */
export interface Token {
  /** "invalid": text that is not part of the language; `reason` says why. */
  readonly kind: "number" | "name" | "operator" | "(" | ")" | "," | "invalid" | "end";
  readonly text: string;
  readonly column: number;
  readonly reason?: string;
}

/** Reports a problem at a 1-based column; never returns. */
export type Fail = (column: number, reason: string) => never;

const LANGUAGE = `numbers, names, + - * / ^, parentheses and function calls such as sin(x1)`;

/** Why a character outside the language is there, as far as one can guess from it. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  "=": "assignments and comparisons are not supported",
  "<": "comparisons are not supported",
  ">": "comparisons are not supported",
  "!": "factorials, logical not and comparisons are not supported",
  "[": "matrices and indexing are not supported",
  "]": "matrices and indexing are not supported",
  "{": "objects are not supported",
  "}": "objects are not supported",
  '"': "strings are not supported",
  "'": "strings and transposes are not supported",
  "`": "strings are not supported",
  ":": "ranges are not supported",
  "?": "conditionals are not supported",
  ".": "property access and element-wise operators are not supported",
  "%": "percentages and modulo are not supported",
  "&": "bitwise and logical operators are not supported",
  "|": "bitwise and logical operators are not supported",
  "~": "bitwise and logical operators are not supported",
  "#": "comments are not supported",
  ";": `";" separates expressions only in the single-string form "e1; e2"; each entry of a list is one expression`,
};

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isNameStart = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z_]$/.test(c);
const isNamePart = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);

/**
 * Splits an expression into tokens, the way mathjs reads numbers and names.
 * Text outside the language ends the list with an "invalid" token (then
 * "end"), so that the checker reports the leftmost problem.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const invalid = (at: number, reason: string): Token[] => {
    tokens.push({ kind: "invalid", text: text[at] ?? "", column: at + 1, reason }, { kind: "end", text: "", column: text.length + 1 });
    return tokens;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const column = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (isDigit(c) || (c === "." && isDigit(text[i + 1]))) {
      const end = scanNumber(text, i);
      if (typeof end !== "number") return invalid(end.at, end.reason);
      tokens.push({ kind: "number", text: text.slice(i, end), column });
      i = end;
    } else if (isNameStart(c)) {
      let end = i + 1;
      while (isNamePart(text[end])) end++;
      tokens.push({ kind: "name", text: text.slice(i, end), column });
      i = end;
    } else if ("+-*/^".includes(c)) {
      tokens.push({ kind: "operator", text: c, column });
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c, text: c, column });
      i++;
    } else {
      const why = Object.hasOwn(UNSUPPORTED, c) ? UNSUPPORTED[c]! : "this character is not part of the expression language";
      return invalid(i, `unexpected "${c}": ${why}; expected ${LANGUAGE}`);
    }
  }
  tokens.push({ kind: "end", text: "", column: text.length + 1 });
  return tokens;
}

/** The end of the decimal number starting at `start` (digits, one decimal mark, an exponent), or where and why it is malformed. */
function scanNumber(text: string, start: number): number | { at: number; reason: string } {
  const prefix = text.slice(start, start + 2).toLowerCase();
  if (prefix === "0b" || prefix === "0o" || prefix === "0x") {
    return { at: start, reason: `binary, octal and hexadecimal literals are not supported; expected a decimal number such as 31 or 1.5e-3` };
  }
  let i = start;
  while (isDigit(text[i])) i++;
  // As in mathjs, "2./x", "2.*x" and "2.^x" are 2 followed by an element-wise operator.
  const next = text[i + 1];
  if (text[i] === "." && next !== "/" && next !== "*" && next !== "^") i++;
  while (isDigit(text[i])) i++;
  if ((text[i] === "e" || text[i] === "E") && (isDigit(text[i + 1]) || text[i + 1] === "+" || text[i + 1] === "-")) {
    i++;
    if (text[i] === "+" || text[i] === "-") i++;
    if (!isDigit(text[i])) return { at: i, reason: `expected a digit in the exponent of "${text.slice(start, i)}"` };
    while (isDigit(text[i])) i++;
  }
  return i;
}
