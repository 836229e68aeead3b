import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser.js";
import { type RunningSite, type StartSiteOptions, startSite } from "./server.js";

/**
 * Time a browser test may take: pages load in milliseconds, but a loaded CI machine starting
 * Chromium and a server per file needs far more than the unit tests' limit.
 */
export const E2E_TIMEOUT = { timeout: 60_000 } as const;
const START_TIMEOUT = 90_000;

/** What a browser test file works with: its own server, database and browser. */
export interface E2eEnv {
  site: RunningSite;
  browser: Browser;
}

// One Chromium per file: a file that runs its tests on both databases uses it for both sites
// (each test opens contexts of its own). Blocks are counted as they are declared, before any
// runs, so the last block's `afterAll` knows it is the last and closes the browser.
let declaredBlocks = 0;
let finishedBlocks = 0;
let sharedBrowser: Promise<Browser> | undefined;

/**
 * Starts a fresh demo site (and the file's browser, at the same time) before the enclosing
 * block's tests and stops the site after them. Each test file gets its own server and database
 * (one per block), so view counts and comments of one file never leak into another's assertions.
 */
export function useSiteAndBrowser(options: StartSiteOptions = {}): E2eEnv {
  const env = {} as E2eEnv;
  declaredBlocks += 1;
  beforeAll(async () => {
    sharedBrowser ??= launchBrowser();
    const [site, browser] = await Promise.allSettled([startSite(options), sharedBrowser]);
    if (site.status === "fulfilled") env.site = site.value;
    if (browser.status === "fulfilled") env.browser = browser.value;
    if (site.status === "rejected") throw site.reason;
    if (browser.status === "rejected") throw browser.reason;
  }, START_TIMEOUT);
  afterAll(async () => {
    finishedBlocks += 1;
    const lastBlock = finishedBlocks === declaredBlocks;
    try {
      await env.site?.stop();
    } finally {
      if (lastBlock) {
        const browser = sharedBrowser;
        sharedBrowser = undefined;
        await (await browser?.catch(() => undefined))?.close();
      }
    }
  }, START_TIMEOUT);
  return env;
}

/**
 * A desktop-sized page in a browser context of its own. The context bypasses the admin app's
 * Content-Security-Policy, which forbids the inline script axe-core is injected as; close it
 * with `page.context().close()`.
 */
export async function openDesktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  return context.newPage();
}
