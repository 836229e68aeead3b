import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium: the tests never download a browser of their own. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Flags for a quiet headless Chromium: no sandbox (CI runs as root), and no background traffic
 * of the browser's own, so the request log of a page holds only what the page asked for.
 */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * User agents of ordinary readers' browsers. Headless Chromium announces itself as
 * "HeadlessChrome", which bot detection rightly treats as a bot, so tests about counted views
 * present a real browser's user agent; distinct ones, because repeat views of one reader are
 * deduplicated.
 */
export const READER_USER_AGENTS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
] as const;

/** Google's crawler, as it announces itself. */
export const BOT_USER_AGENT =
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/** Launches Debian's Chromium headless; fails with the install command when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    const hint =
      process.env.CI === "true"
        ? ".ci/run installs it; the CI image must allow apt-get install -y chromium"
        : "install it with: apt-get install -y chromium";
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}, which is missing; ${hint}`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
