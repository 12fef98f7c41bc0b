const GREEK = new Set([
  "alpha",
  "beta",
  "gamma",
  "delta",
  "epsilon",
  "zeta",
  "eta",
  "theta",
  "iota",
  "kappa",
  "lambda",
  "mu",
  "nu",
  "xi",
  "rho",
  "sigma",
  "tau",
  "upsilon",
  "phi",
  "chi",
  "psi",
  "omega",
  "Gamma",
  "Delta",
  "Theta",
  "Lambda",
  "Xi",
  "Pi",
  "Sigma",
  "Upsilon",
  "Phi",
  "Psi",
  "Omega",
]);

/**
 * LaTeX for a variable name: `x1` → `x_{1}`, `T_ex` → `T_{\mathrm{ex}}`,
 * `alpha` → `\alpha`, `radm` → `\mathrm{radm}`, `P` → `P`.
 */
export function latexName(name: string): string {
  const indexed = /^([A-Za-z]+)(\d+)$/.exec(name);
  if (indexed) return `${latexName(indexed[1]!)}_{${indexed[2]}}`;
  const cut = name.indexOf("_");
  if (cut > 0 && cut < name.length - 1) return `${latexName(name.slice(0, cut))}_{${latexName(name.slice(cut + 1))}}`;
  if (/^[A-Za-z]$/.test(name) || /^\d+$/.test(name)) return name;
  if (GREEK.has(name)) return `\\${name}`;
  return `\\mathrm{${name.replace(/_/g, "\\_")}}`;
}

const column = (items: readonly string[]): string => `\\left(\\begin{array}{c} ${items.join("\\\\ ")} \\end{array}\\right)`;

/**
 * The mapping from inputs to outputs in the seed notebook's style, column
 * vectors joined by `\longmapsto` (a single input or output is written bare):
 *
 *     mappingLatex(["t_1", "t_2"], ["t_1+2t_2", "t_1^2", "t_1t_2^2"])
 *     // \left(\begin{array}{c} t_1\\ t_2 \end{array}\right) \longmapsto \left(\begin{array}{c} t_1+2t_2\\ t_1^2\\ t_1t_2^2 \end{array}\right)
 */
export function mappingLatex(inputs: readonly string[], outputs: readonly string[]): string {
  const side = (items: readonly string[]): string => (items.length === 1 ? items[0]! : column(items));
  return `${side(inputs)} \\longmapsto ${side(outputs)}`;
}
