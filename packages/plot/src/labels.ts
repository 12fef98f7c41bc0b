/**
 * Labels in Unicode math: f₃, f̂₃, ∂f₃/∂x₂, ∂²f̂₃/∂x₁∂x₂, ∂²f₃/∂x₁², and the
 * titles built from them ("Error of ∂f̂₃/∂x₂ vs x₁ and x₂"). Indices are 0-based
 * in the arguments and shown 1-based. Names, when given, replace x_i and f_k.
 */
import type { ErrorKind, Numbers, Order, Role } from "./data.js";

const subscripts = "₀₁₂₃₄₅₆₇₈₉";
const combiningCircumflex = "\u0302";
const minus = "\u2212";

/** The names a model gives its inputs and outputs, if any. */
export interface Names {
  readonly inputNames?: readonly string[] | undefined;
  readonly outputNames?: readonly string[] | undefined;
}

/** Writes a non-negative integer with subscript digits: 12 → "₁₂". */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => subscripts[+d]!);
}

/** Formats a number for a label: at most 4 significant digits, a true minus sign. */
export function formatNumber(value: number): string {
  const text = String(Number(value.toPrecision(4)));
  return text.replace("-", minus);
}

function isOneGlyph(name: string): boolean {
  return Array.from(name.normalize("NFD").replace(/\p{M}/gu, "")).length === 1;
}

/** Names that are not a single word go in parentheses after ∂: ∂(log P). */
function operand(name: string): string {
  return /^[\p{L}\p{M}\p{N}_.]+$/u.test(name) ? name : `(${name})`;
}

/** The symbol of input i: its name, or x₁, x₂…. */
export function inputSymbol(i: number, names: Names = {}): string {
  return names.inputNames?.[i] ?? `x${subscript(i + 1)}`;
}

/**
 * The symbol of output k: f₃, or f̂₃ for the network (`hat`). A one-letter
 * name takes the hat too; a longer name is left bare (titles then say
 * "Network").
 */
export function outputSymbol(k: number, names: Names = {}, hat = false): string {
  const name = names.outputNames?.[k];
  if (name == null) return `f${hat ? combiningCircumflex : ""}${subscript(k + 1)}`;
  return hat && isOneGlyph(name) ? `${name}${combiningCircumflex}`.normalize("NFC") : name;
}

/** Whether the network's symbol for output k carries no hat (a long name). */
function hatless(k: number, names: Names): boolean {
  const name = names.outputNames?.[k];
  return name != null && !isOneGlyph(name);
}

/**
 * The quantity drawn in a panel: f₃ (order 0), ∂f₃/∂x₂ (order 1, input i),
 * ∂²f₃/∂x₁∂x₂ or ∂²f₃/∂x₁² (order 2, inputs i and j).
 */
export function quantityLabel(order: Order, k: number, i = 0, j = i, names: Names = {}, hat = false): string {
  const f = outputSymbol(k, names, hat);
  if (order === 0) return f;
  const xi = operand(inputSymbol(i, names));
  if (order === 1) return `∂${operand(f)}/∂${xi}`;
  const xj = operand(inputSymbol(j, names));
  return i === j ? `∂²${operand(f)}/∂${xi}²` : `∂²${operand(f)}/∂${xi}∂${xj}`;
}

/**
 * A panel's title: "∂f₃/∂x₂ vs x₁" for the truth, "∂f̂₃/∂x₂ vs x₁" for the
 * network, "Error of ∂f̂₃/∂x₂ vs x₁ and x₂" for the error. `swept` are the
 * indices of the inputs along the axes.
 */
export function panelTitle(role: Role, order: Order, k: number, i: number, j: number, swept: readonly number[], names: Names = {}): string {
  const hat = role !== "truth";
  const q = quantityLabel(order, k, i, j, names, hat);
  const vs = swept.map((s) => inputSymbol(s, names)).join(" and ");
  const prefix = role === "error" ? "Error of " : role === "network" && hatless(k, names) ? "Network " : "";
  return `${prefix}${q} vs ${vs}`;
}

/** The label of an error axis or color bar. */
export function errorLabel(kind: ErrorKind): string {
  return kind === "relative" ? "relative error" : "error";
}

/**
 * What the role draws, for a subtitle: "relative error (f̂ − f)/(|f| + 0.01)".
 * `reference` says whether the truth is drawn under the network.
 */
export function roleCaption(role: Role, kind: ErrorKind, eps: number, reference = false): string {
  if (role === "truth") return "";
  if (role === "network") return reference ? "network f̂ (solid) over the truth f (dashed gray)" : "";
  return kind === "relative" ? `relative error (f̂ − f)/(|f| + ${formatNumber(eps)})` : "absolute error f̂ − f";
}

/** The inputs held fixed, for a subtitle: "x₂ = 1, x₃ = −0.5". */
export function fixedCaption(fixed: Numbers | undefined, swept: readonly number[], names: Names = {}): string {
  if (fixed == null) return "";
  const parts: string[] = [];
  for (let i = 0; i < fixed.length; ++i) {
    if (!swept.includes(i)) parts.push(`${inputSymbol(i, names)} = ${formatNumber(fixed[i]!)}`);
  }
  return parts.join(", ");
}
