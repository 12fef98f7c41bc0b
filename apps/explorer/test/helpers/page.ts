import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

export type Kind = "profile" | "map";

/** The seed notebook's twelve figures: truth, network and error; first and second derivatives; profiles and maps. */
export const SEED_FIGURES = ["truth", "network", "error"].flatMap((role, r) =>
  ["profile", "map"].flatMap((kind) => [1, 2].map((order) => `${r + 1}-${role}-d${order}-${kind}`)),
);

/** Where the browser tests leave their screenshots (not committed). */
export const screenshotDir = fileURLToPath(new URL("../screenshots/", import.meta.url));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/** How many times the figures of a kind were updated, and how long the last update took. */
export async function updates(page: Page, kind: Kind): Promise<{ count: number; ms: number }> {
  return page.evaluate((k) => {
    const el = document.querySelector<HTMLElement>(`.progress[data-progress="${k}"]`);
    return { count: Number(el?.dataset["count"] ?? 0), ms: Number(el?.dataset["ms"] ?? NaN) };
  }, kind);
}

/** Waits until the figures of a kind were updated more than `after` times and none is out of date; returns the update's latency. */
export async function nextUpdate(page: Page, kind: Kind, after: number, timeout = 90_000): Promise<number> {
  await page.waitForFunction(
    ([k, n]) => {
      const el = document.querySelector<HTMLElement>(`.progress[data-progress="${k}"]`);
      return (
        Number(el?.dataset["count"] ?? 0) > Number(n) &&
        el?.dataset["state"] === "done" &&
        !document.querySelector(`.figure-card.stale[data-kind="${k}"]`)
      );
    },
    [kind, after] as const,
    { timeout },
  );
  return (await updates(page, kind)).ms;
}

/** The names of the figures shown, in page order. */
export const figureNames = (page: Page): Promise<string[]> =>
  page.$$eval("figure.figure-card", (cards) => cards.map((c) => (c as HTMLElement).dataset["name"]!));

/** What a figure shows, as text: its titles, labels and ticks, the domains of its panels, its curves and its images. */
export const figureText = (page: Page, name: string): Promise<string> =>
  page.$eval(`figure.figure-card[data-name="${name}"] svg`, (svg) => {
    const panels = [...svg.querySelectorAll<SVGGElement>("g.nabla-panel")].map((g) => JSON.stringify({ ...g.dataset }));
    const curves = [...svg.querySelectorAll("path")].map((p) => p.getAttribute("d") ?? "");
    const images = [...svg.querySelectorAll("image")].map((i) => (i.getAttribute("href") ?? "").length);
    return [svg.textContent, ...panels, ...curves, images.join(",")].join("\n");
  });

/** A figure's download (its SVG, PNG or CSV button): the file's suggested name and bytes. */
export async function download(page: Page, name: string, format: "svg" | "png" | "csv"): Promise<{ name: string; bytes: Buffer }> {
  const button = page.locator(`figure[data-name="${name}"] button[data-format="${format}"]`);
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}
