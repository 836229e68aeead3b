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

/**
 * Starts a fresh demo site and a browser before the file's tests and stops both after them.
 * Each test file gets its own server and database, so view counts and comments of one file
 * never leak into another's assertions.
 */
export function useSiteAndBrowser(options: StartSiteOptions = {}): E2eEnv {
  const env = {} as E2eEnv;
  beforeAll(async () => {
    env.site = await startSite(options);
    env.browser = await launchBrowser();
  }, START_TIMEOUT);
  afterAll(async () => {
    await env.browser?.close();
    await env.site?.stop();
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
