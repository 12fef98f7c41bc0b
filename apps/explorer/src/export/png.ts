import { svgText } from "./svg.js";

/** The figure's size in CSS pixels, from its attributes (what Plot writes) or its box. */
function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const width = Number(svg.getAttribute("width")) || svg.getBoundingClientRect().width || 640;
  const height = Number(svg.getAttribute("height")) || svg.getBoundingClientRect().height || 400;
  return { width, height };
}

/** A figure drawn on a canvas at `scale` times its size, as PNG bytes. */
export async function svgToPng(svg: SVGSVGElement, scale = 2, background = "white"): Promise<Blob> {
  const { width, height } = sizeOf(svg);
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.decoding = "sync";
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("PNG: this browser gave no 2D canvas context");
    context.fillStyle = background;
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG: the canvas could not be encoded"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
