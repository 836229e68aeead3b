import { mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_PATH } from "./helpers/server.js";

// Full-page screenshots for people to look at (test-results/ is gitignored). They assert only
// that each page renders without horizontal scrolling; judging the design is a human's job.

const OUT = path.resolve("test-results/screenshots");

const VIEWPORTS = [
  { name: "phone", width: 375, height: 812 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

const PAGES = [
  { name: "home", path: "/" },
  { name: "article", path: REFERENCE_PATH },
] as const;

const env = useSiteAndBrowser();

describe("screenshots", E2E_TIMEOUT, () => {
  for (const viewport of VIEWPORTS) {
    for (const target of PAGES) {
      it(`the ${target.name} page fits a ${viewport.name} screen (${viewport.width}px) without sideways scrolling`, async () => {
        await mkdir(OUT, { recursive: true });
        const context = await env.browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          deviceScaleFactor: 1,
          isMobile: viewport.name === "phone",
          hasTouch: viewport.name === "phone",
        });
        try {
          const page = await context.newPage();
          await page.goto(env.site.url + target.path, { waitUntil: "networkidle" });
          await page.screenshot({
            path: path.join(OUT, `${target.name}-${viewport.name}.png`),
            fullPage: true,
          });
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
        } finally {
          await context.close();
        }
      });
    }
  }
});
