/**
 * One call from a figure builder to SVG text in Node: make a document, build
 * the figure in it, serialize it.
 */
import { createDocument } from "./document.js";
import { serializeSvg } from "./serialize.js";

/**
 * Builds a figure in a fresh Node document and returns its SVG text:
 * `renderSvg((document) => jacobianMaps(data, {document, output: 2}))`.
 */
export function renderSvg(build: (document: Document) => Element): string {
  return serializeSvg(build(createDocument()));
}
