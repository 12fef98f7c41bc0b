/**
 * Options that every figure takes (what it draws, its size, its frame), and
 * their checks.
 */
import type { ErrorKind, Order, Role } from "./data.js";
import { OptionError } from "./errors.js";

/** Options shared by profiles and maps. */
export interface FigureOptions {
  /** 0: the values f_k (one panel); 1: first derivatives (a panel per input); 2: second derivatives (an n×n grid). */
  readonly order?: Order;
  /** The output f_k drawn, 0-based. Default 0. */
  readonly output?: number;
  /** "truth" (f), "network" (f̂, over f dashed where drawn as lines) or "error". Default "truth". */
  readonly role?: Role;
  /** For role "error": "relative", (f̂ − f)/(|f| + eps), or "absolute", f̂ − f. Default "relative". */
  readonly error?: ErrorKind;
  /** The eps of the relative error. Default 1e-2. */
  readonly eps?: number;
  /** Document to create elements in; defaults to the page's. In Node, pass one from "@nabla/plot/node". */
  readonly document?: Document;
  /** A title above the panels; none by default. */
  readonly title?: string | null;
  /** A line under the title; by default says what the role draws and where other inputs are held. Null for none. */
  readonly subtitle?: string | null;
  /** Panels per row; the default depends on the figure and the number of inputs. */
  readonly columns?: number;
  /** Width of each panel in pixels, color bar included; the default shrinks as columns grow. */
  readonly panelWidth?: number;
  /** Height of each panel's plot in pixels (its title adds to it). */
  readonly panelHeight?: number;
  /** Font family of all text. Default "system-ui, sans-serif". */
  readonly fontFamily?: string;
  /** Fill behind the figure, or null for a transparent one. Default "white". */
  readonly background?: string | null;
  /** Largest font size of panel titles; they shrink or wrap to fit. Default 13. */
  readonly titleFontSize?: number;
}

/** Returns `value` if it is one of `allowed`, else throws an OptionError. */
export function checkChoice<T extends string | number>(where: string, option: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new OptionError(where, option, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return value as T;
}

/** Returns `value` if it is a finite number at least `min`, else throws an OptionError. */
export function checkNumber(where: string, option: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new OptionError(where, option, value, `a finite number ≥ ${min}`);
  }
  return value;
}

/** Returns `value` if it is an integer at least 1, else throws an OptionError. */
export function checkCount(where: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new OptionError(where, option, value, "an integer ≥ 1");
  }
  return value;
}

/** The (i, j) of each panel: one for values, one per input, or the n×n grid. */
export function panelIndices(order: Order, nIn: number): [number, number][] {
  if (order === 0) return [[0, 0]];
  if (order === 1) return Array.from({ length: nIn }, (_, i) => [i, i]);
  return Array.from({ length: nIn * nIn }, (_, p) => [Math.floor(p / nIn), p % nIn]);
}

/** Default panels per row: 1 for values, a row or two for first derivatives, n for the n×n grid. */
export function defaultColumns(order: Order, nIn: number): number {
  return order === 0 ? 1 : order === 1 ? (nIn <= 3 ? nIn : Math.ceil(nIn / 2)) : nIn;
}

/** Clamps `value` to [lo, hi]. */
export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** The subtitle: the option if given (null hides it), else the parts that are not empty. */
export function subtitleOf(option: string | null | undefined, parts: readonly string[]): string | null {
  if (option !== undefined) return option;
  const text = parts.filter(Boolean).join("; ");
  return text === "" ? null : text;
}
