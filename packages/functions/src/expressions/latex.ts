import type { FunctionNode, MathNode, SymbolNode } from "mathjs";
import { latexName } from "../latex.js";

const TEX_CONSTANTS: Readonly<Record<string, string>> = { pi: "\\pi", e: "e" };

/**
 * LaTeX of a parsed expression (mathjs's `toTex`, redundant parentheses
 * dropped), with input names as `latexName` writes them, `\pi`, `e`, and
 * `\operatorname{erf}`.
 */
export function expressionLatex(node: MathNode): string {
  const handler = (n: MathNode, options: object): string | undefined => {
    if (n.type === "SymbolNode") {
      const { name } = n as SymbolNode;
      // A leading space, as mathjs writes symbols, keeps "\\cdot" from running into the name.
      return ` ${Object.hasOwn(TEX_CONSTANTS, name) ? TEX_CONSTANTS[name] : latexName(name)}`;
    }
    if (n.type === "FunctionNode") {
      const call = n as FunctionNode;
      if (call.fn.name === "erf") return `\\operatorname{erf}\\left(${call.args.map((a) => a.toTex(options)).join(",")}\\right)`;
    }
    return undefined;
  };
  return node.toTex({ parenthesis: "auto", handler }).trim();
}
