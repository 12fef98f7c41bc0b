/**
 * A document to draw figures in under Node: jsdom's, with @napi-rs/canvas
 * behind `document.createElement("canvas")`, which Observable Plot's raster
 * mark and color ramps draw on (jsdom has no canvas of its own).
 */
import { createCanvas } from "@napi-rs/canvas";
import { JSDOM } from "jsdom";

/**
 * A new jsdom document whose canvases are @napi-rs/canvas canvases. Pass it
 * as the `document` option of a figure; each call makes an independent one.
 */
export function createDocument(): Document {
  const { document } = new JSDOM("<!DOCTYPE html><html><body></body></html>").window;
  const createElement = document.createElement.bind(document);
  const patched = (name: string, options?: ElementCreationOptions): Element =>
    name.toLowerCase() === "canvas" ? (createCanvas(1, 1) as unknown as HTMLCanvasElement) : createElement(name, options);
  Object.defineProperty(document, "createElement", { value: patched, configurable: true, writable: true });
  return document;
}
