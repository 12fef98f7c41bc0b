/**
 * SVG text from a figure's element: XML with the SVG and xlink namespaces
 * declared, so that files open in browsers, editors and rasterizers alike.
 */

const xlinkNs = "http://www.w3.org/1999/xlink";

/**
 * Serializes an SVG element (from a figure, or any Plot) as standalone SVG
 * text. Image links are written as `xlink:href`.
 */
export function serializeSvg(element: Element): string {
  const window = element.ownerDocument.defaultView;
  if (window == null) throw new TypeError("serializeSvg: the element's document has no window to serialize with");
  const copy = element.cloneNode(true) as Element;
  copy.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xlink", xlinkNs);
  for (const node of Array.from(copy.querySelectorAll("*"))) {
    const href = node.getAttributeNS(xlinkNs, "href");
    if (href != null) {
      node.removeAttributeNS(xlinkNs, "href");
      node.setAttributeNS(xlinkNs, "xlink:href", href);
    }
  }
  return new window.XMLSerializer().serializeToString(copy);
}
