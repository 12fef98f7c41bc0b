/**
 * SVG snapshots in the Observable Plot style: numbers rounded to 3 places,
 * ids renumbered in order of appearance, one element per line.
 */

/** Rounds every decimal number to 3 places and drops trailing zeros. */
function reformatNumbers(svg: string): string {
  return svg.replace(/\d+\.\d+/g, (m) => String(+(+m).toFixed(3)));
}

/** Renames ids (and their url(#…) and #… references) id-1, id-2… in order. */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!ids.has(id!)) ids.set(id!, `id-${ids.size + 1}`);
  }
  let out = svg;
  for (const [id, name] of ids) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`id="${escaped}"`, "g"), `id="${name}"`).replace(new RegExp(`#${escaped}([)"])`, "g"), `#${name}$1`);
  }
  return out;
}

/** The normalized text a snapshot holds. */
export function normalizeSvg(svg: string): string {
  return renumberIds(reformatNumbers(svg)).replace(/></g, ">\n<") + "\n";
}
