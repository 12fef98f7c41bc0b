import temml from "temml";

/**
 * LaTeX as MathML (which browsers draw natively), in display style. What
 * cannot be typeset is shown as its source.
 */
export function renderLatex(target: HTMLElement, latex: string): void {
  try {
    target.innerHTML = temml.renderToString(latex, { displayMode: true, throwOnError: true });
  } catch {
    target.textContent = latex;
  }
}
