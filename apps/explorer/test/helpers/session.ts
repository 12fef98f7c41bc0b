import { expect } from "chai";
import type { Page } from "playwright-core";
import { browserMissing, launchBrowser, type Browser, type LaunchOptions } from "./browser.js";
import { nextUpdate, screenshot } from "./page.js";
import { distDir, ensureBuilt } from "./site.js";
import { serveStatic, type StaticServer } from "./staticServer.js";

export interface ExplorerSession {
  /** A new page on the site (with `query`), once its profiles are drawn. */
  open(query?: string): Promise<Page>;
}

/**
 * A suite against the built site: served on 127.0.0.1, in a fresh headless
 * Chromium (`launch` says with what), each test's page screenshotted and
 * closed after it, and no error thrown in a page. Skipped, saying why, where
 * Chromium is missing.
 */
export function explorerSuite(title: string, launch: LaunchOptions, tests: (session: ExplorerSession) => void): void {
  const missing = browserMissing();
  describe(missing ? `${title} (skipped: ${missing})` : title, function () {
    let server: StaticServer;
    let browser: Browser;
    let page: Page | undefined;
    let pageErrors: string[] = [];

    before(async function () {
      if (missing) {
        console.log(`    explorer browser tests skipped: ${missing}`);
        this.skip();
      }
      ensureBuilt();
      server = await serveStatic(distDir);
      browser = await launchBrowser(launch);
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    afterEach(async function () {
      if (page && !page.isClosed()) {
        await screenshot(
          page,
          this.currentTest!.title.replace(/[^a-z0-9]+/gi, "-")
            .replace(/^-|-$/g, "")
            .toLowerCase(),
        );
        await page.close();
      }
      expect(pageErrors, "errors thrown in the page").to.deep.equal([]);
    });

    tests({
      async open(query = "") {
        page = await browser.context.newPage();
        pageErrors = [];
        page.on("pageerror", (error) => pageErrors.push(error.message));
        await page.goto(`${server.url}${query}`);
        await nextUpdate(page, "profile", 0);
        return page;
      },
    });
  });
}
