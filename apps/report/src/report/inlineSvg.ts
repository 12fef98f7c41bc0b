/**
 * An SVG document's text made fit to sit inline in a page beside others:
 * the XML prologue dropped and every id (Plot numbers its clip paths from 1
 * in each figure) prefixed, with the references to them.
 */
export function inlineSvg(svg: string, prefix: string): string {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/\bhref="#([^"]+)"/g, `href="#${prefix}-$1"`);
}
