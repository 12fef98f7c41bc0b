import type { Order } from "@nabla/plot";
import { DEFAULT_STATE, type ExplorerState } from "./state.js";

/**
 * The explorer's state in a URL query, and back. Only what differs from the
 * defaults is written, so a link stays short:
 *
 *     ?truth=rosenbrock&sweep=1&output=0&ranges=-2:2,-1:3&fixed=0.5,1&error=absolute
 *
 * Reading never throws: a value that cannot be used is skipped, and said.
 */

export interface ReadState {
  readonly state: ExplorerState;
  /** One line per parameter that was ignored, and why. */
  readonly problems: readonly string[];
}

const numbers = (text: string): number[] | undefined => {
  const parts = text.split(",").map((s) => Number(s.trim()));
  return text.trim() !== "" && parts.every(Number.isFinite) ? parts : undefined;
};

const integer = (text: string, min: number, max: number): number | undefined => {
  const n = Number(text);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Writes the state as a query string (without "?"); empty for the defaults. */
export function stateToQuery(state: ExplorerState): string {
  const q = new URLSearchParams();
  const d = DEFAULT_STATE;
  if (state.compare !== d.compare) q.set("compare", state.compare);
  if (state.truth !== d.truth) q.set("truth", state.truth);
  if (state.truthInputs?.length) q.set("inputs", state.truthInputs.join(","));
  if (state.model !== d.model) q.set("model", state.model);
  if (state.physical) q.set("physical", "1");
  if (state.ranges) q.set("ranges", state.ranges.map(([a, b]) => `${a}:${b}`).join(","));
  if (state.fixed) q.set("fixed", state.fixed.join(","));
  if (state.sweep !== undefined) q.set("sweep", String(state.sweep));
  if (!state.maps) q.set("maps", "off");
  if (state.mapInputs) q.set("map", state.mapInputs.join(","));
  if (state.output !== undefined) q.set("output", String(state.output));
  if (state.points !== d.points) q.set("points", String(state.points));
  if (state.mapPoints !== d.mapPoints) q.set("mapPoints", String(state.mapPoints));
  if (state.error !== d.error) q.set("error", state.error);
  if (state.eps !== d.eps) q.set("eps", String(state.eps));
  if (state.backend !== d.backend) q.set("backend", state.backend);
  if (state.orders.join(",") !== d.orders.join(",")) q.set("orders", state.orders.join(","));
  return q.toString();
}

/** Reads a query string ("?…" or "…") into a state, starting from the defaults. */
export function queryToState(query: string): ReadState {
  const q = new URLSearchParams(query);
  const problems: string[] = [];
  const state: Record<string, unknown> = { ...DEFAULT_STATE };
  const read = (key: string, parse: (text: string) => unknown, expected: string, field = key) => {
    const text = q.get(key);
    if (text === null) return;
    const value = parse(text);
    if (value === undefined) problems.push(`${key}=${text} was ignored: expected ${expected}`);
    else state[field] = value;
  };
  const oneOf =
    <T extends string>(...values: T[]) =>
    (text: string) =>
      values.includes(text as T) ? text : undefined;

  read("compare", oneOf("both", "truth", "network"), "both, truth or network");
  read("truth", (t) => (t.trim() === "" ? undefined : t), "a catalogue id or expressions");
  read(
    "inputs",
    (t) => {
      const names = t.split(",").map((s) => s.trim());
      return names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) ? names : undefined;
    },
    "input names separated by commas",
    "truthInputs",
  );
  read("model", oneOf("seed", "upload"), "seed or upload");
  read("physical", (t) => (t === "1" ? true : t === "0" ? false : undefined), "1 or 0");
  read(
    "ranges",
    (t) => {
      const pairs = t.split(",").map((p) => p.split(":").map(Number));
      return pairs.every((p) => p.length === 2 && p.every(Number.isFinite) && p[0]! < p[1]!) ? pairs : undefined;
    },
    "low:high pairs with low < high, separated by commas",
  );
  read("fixed", numbers, "numbers separated by commas");
  read("sweep", (t) => integer(t, 0, 1e6), "an input index");
  read("maps", (t) => (t === "off" ? false : t === "on" ? true : undefined), "on or off");
  read(
    "map",
    (t) => {
      const pair = t.split(",").map((s) => integer(s, 0, 1e6));
      return pair.length === 2 && pair[0] !== undefined && pair[1] !== undefined && pair[0] !== pair[1] ? pair : undefined;
    },
    "two different input indices",
    "mapInputs",
  );
  read("output", (t) => integer(t, 0, 1e9), "an output index");
  read("points", (t) => integer(t, 2, 100000), "an integer from 2 to 100000");
  read("mapPoints", (t) => integer(t, 2, 1000), "an integer from 2 to 1000");
  read("error", oneOf("relative", "absolute"), "relative or absolute");
  read(
    "eps",
    (t) => {
      const e = Number(t);
      return Number.isFinite(e) && e > 0 ? e : undefined;
    },
    "a number > 0",
  );
  read("backend", oneOf("cpu", "gpu"), "cpu or gpu");
  read(
    "orders",
    (t) => {
      const orders = t.split(",").map(Number);
      return orders.length > 0 && orders.every((o) => o === 0 || o === 1 || o === 2) ? ([...new Set(orders)].sort() as Order[]) : undefined;
    },
    "some of 0, 1, 2 separated by commas",
  );
  return { state: state as unknown as ExplorerState, problems };
}
