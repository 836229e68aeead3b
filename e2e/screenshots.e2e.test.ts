import { mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_PATH } from "./helpers/server.js";

// Full-page screenshots for people to look at (test-results/ is gitignored). They assert only
// that every image loads and nothing makes the page scroll sideways; judging the design is a
// human's job.

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
      it(`the ${target.name} page fits a ${viewport.name} screen (${viewport.width}px) with every image loaded and no sideways scrolling`, async () => {
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
          // Images below the fold load lazily, when a reader scrolls to them; so does this test,
          // or the screenshot would show empty frames where the photos go.
          await page.evaluate(async () => {
            for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
              window.scrollTo(0, y);
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            window.scrollTo(0, 0);
          });
          await page.waitForFunction(() => [...document.images].every((img) => img.complete));
          const broken = await page.evaluate(() =>
            [...document.images].filter((img) => img.naturalWidth === 0).map((img) => img.src),
          );
          expect(broken, "images that failed to load").toEqual([]);
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
