import * as Plot from "@observablehq/plot";
import {JSDOM} from "jsdom";
import {createCanvas} from "@napi-rs/canvas";
import {Resvg} from "@resvg/resvg-js";
import {writeFileSync} from "node:fs";
const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>");
const document = dom.window.document;
const orig = document.createElement.bind(document);
(document as any).createElement = (name: string, o?: any) => name.toLowerCase() === "canvas" ? createCanvas(1, 1) : orig(name, o);
const nx = 20, ny = 10;
const V = new Float64Array(nx*ny);
for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) { const x = -2 + 4*i/(nx-1), y = -1 + 2*j/(ny-1); V[j*nx+i] = 2*x*y; }
const dx = 4/(nx-1), dy = 2/(ny-1);
const svg = Plot.plot({document, width: 300, height: 250, x: {domain: [-2,2]}, y: {domain: [-1,1]}, color: {type: "diverging", scheme: "BuRd", domain: [-4,4], legend: false},
  marks: [Plot.raster(V, {width: nx, height: ny, x1: -2-dx/2, x2: 2+dx/2, y1: -1-dy/2, y2: 1+dy/2, clip: true, className: "foo", ariaLabel: "map"} as any), Plot.frame()]});
const s = new dom.window.XMLSerializer().serializeToString(svg);
writeFileSync(".scratch/p.svg", s);
console.log(s.slice(0, 3000));
const png = new Resvg(s, {fitTo: {mode: "zoom", value: 2}, font: {loadSystemFonts: false, fontFiles: ["../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf"], defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans"}}).render().asPng();
writeFileSync(".scratch/p.png", png);
