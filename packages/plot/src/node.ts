/**
 * @nabla/plot/node: drawing figures outside a browser — a jsdom document with
 * a canvas, SVG text, and PNG with the shipped DejaVu font.
 */
export { createDocument } from "./node/document.js";
export { fontFamily, fontFiles } from "./node/fonts.js";
export { svgToPng, svgToPngAsync } from "./node/png.js";
export type { PngOptions } from "./node/png.js";
export { renderSvg } from "./node/render.js";
export { serializeSvg } from "./node/serialize.js";
