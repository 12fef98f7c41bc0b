import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { bundle, servePage } from "./serve.js";

/** Debian's Chromium; no browser is ever downloaded. */
export const CHROMIUM = "/usr/bin/chromium";
export const chromiumMissing = (): string | undefined =>
  existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)`;

/** WebGPU on the CPU through SwiftShader, in a fresh profile, with nothing fetched from the network. */
const ARGS = [
  "--enable-unsafe-webgpu",
  "--use-webgpu-adapter=swiftshader",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface OpenPage {
  readonly page: Page;
  /** Calls `window[global][name](...args)` in the page and returns its (serializable) result. */
  call<T>(name: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/** Bundles `entry`, serves it from localhost and opens it in headless Chromium; `global` is what the entry defines on window. */
export async function openPage(entry: string, global: string): Promise<OpenPage> {
  const server = await servePage(await bundle(entry));
  const profile = mkdtempSync(join(tmpdir(), "nabla-gpu-chromium-"));
  const cleanup = async () => {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction((g) => g in window, global);
    const call = <T>(name: string, ...args: unknown[]): Promise<T> =>
      page.evaluate(([g, n, a]) => (window as unknown as Record<string, Record<string, (...x: unknown[]) => unknown>>)[g]![n]!(...a), [
        global,
        name,
        args,
      ] as const) as Promise<T>;
    return {
      page,
      call,
      close: async () => {
        await context.close();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
