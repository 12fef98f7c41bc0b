/** Reading colors back from a rendered PNG. */
import { createCanvas, loadImage } from "@napi-rs/canvas";

export type Rgb = [number, number, number];

/** A function giving the RGB color at pixel (x, y) of a PNG. */
export async function pixels(png: Uint8Array): Promise<(x: number, y: number) => Rgb> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  return (x, y) => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
}

/** Euclidean distance between two colors. */
export function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
