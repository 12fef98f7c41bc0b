/**
 * The document a figure is drawn in: the one given in the options, or the
 * page's. In Node there is none unless one is passed (see node.ts).
 */
import { MissingDocumentError } from "./errors.js";

/** The `document` option, or `globalThis.document` where a page has one. */
export function resolveDocument(where: string, document: Document | undefined): Document {
  const found = document ?? (globalThis as { document?: Document }).document;
  if (found == null) throw new MissingDocumentError(where);
  return found;
}
