import type { BrowserContext, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { EDITOR, signIn } from "./helpers/admin.js";
import { READER_USER_AGENTS } from "./helpers/browser.js";
import { watchCspViolations } from "./helpers/csp.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { seedVideoArticle, VIDEO_ARTICLE, VIDEO_ARTICLE_PATH } from "./helpers/seed.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH } from "./helpers/server.js";

// The pages work under their own Content-Security-Policy: nothing they need is blocked, so
// Chromium reports no violation while a reader reads, plays a video and posts a comment, or
// while an editor opens an article in the admin app.

const env = useSiteAndBrowser({ seed: seedVideoArticle, users: [EDITOR] });

let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A reader's page (a real browser's user agent, so the beacon counts) and its violations. */
async function watchedPage(): Promise<{ page: Page; violations: () => string[] }> {
  context = await env.browser.newContext({ userAgent: READER_USER_AGENTS[0] });
  // Nothing leaves the machine: the YouTube player is a local stand-in, anything else foreign is refused.
  await context.route(
    (url) => url.origin !== env.site.origin,
    (route) =>
      new URL(route.request().url()).hostname === "www.youtube-nocookie.com"
        ? route.fulfill({
            status: 200,
            contentType: "text/html",
            body: "<!doctype html><title>stand-in player</title><p>player</p>",
          })
        : route.abort(),
  );
  const violations = await watchCspViolations(context);
  return { page: await context.newPage(), violations };
}

describe("the Content-Security-Policy blocks nothing the pages use", E2E_TIMEOUT, () => {
  it("on the reference article: styles, the view beacon and the comment form", async () => {
    const { page, violations } = await watchedPage();
    const beacon = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/views/"),
    );
    const response = await page.goto(env.site.url + REFERENCE_PATH);
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
    expect((await beacon).status()).toBe(200);
    // The stylesheet applied (a blocked one would leave the skip link on screen).
    const skipLinkTop = await page
      .locator(".skip-link")
      .evaluate((el) => el.getBoundingClientRect().top);
    expect(skipLinkTop).toBeLessThan(0);
    // The ad slot keeps its size without an inline style.
    const box = await page
      .locator(".ad-box")
      .first()
      .evaluate((el) => el.getBoundingClientRect());
    expect(box.height).toBeGreaterThan(50);

    // Posting at once is refused as too quick by the server, but the form is sent: what the
    // policy governs (form-action) is the same.
    const comments = page.locator("#comments");
    await comments.getByRole("textbox", { name: /^Name$/ }).fill("Ada Reader");
    await comments.getByRole("textbox", { name: /^Email\b/ }).fill("ada@example.org");
    await comments.getByRole("textbox", { name: /^Comment$/ }).fill("Checking the policy.");
    const posted = page.waitForRequest((r) => r.method() === "POST" && r.isNavigationRequest());
    await comments.getByRole("button", { name: "Post comment" }).click();
    expect(new URL((await posted).url()).origin).toBe(env.site.origin);
    await page.waitForLoadState("load");
    expect(violations()).toEqual([]);
  });

  it("on an article with a video: the facade's script and the player's frame", async () => {
    const { page, violations } = await watchedPage();
    await page.goto(env.site.url + VIDEO_ARTICLE_PATH);
    const player = page.waitForRequest((r) =>
      r.url().startsWith("https://www.youtube-nocookie.com/"),
    );
    await page.getByRole("button", { name: `Play video: ${VIDEO_ARTICLE.videoTitle}` }).click();
    // The frame is not only inserted but loaded: frame-src lets it through.
    expect((await player).url()).toContain(VIDEO_ARTICLE.videoId);
    await expect
      .poll(() =>
        page.frames().some((f) => f.url().startsWith("https://www.youtube-nocookie.com/")),
      )
      .toBe(true);
    expect(violations()).toEqual([]);
  });

  it("in the admin app: signing in and opening an article in the editor", async () => {
    context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const violations = await watchCspViolations(context);
    const page = await context.newPage();
    await signIn(page, env.site.url, EDITOR);
    await page.getByRole("link", { name: REFERENCE_HEADLINE }).first().click();
    await page.getByLabel("Headline", { exact: true }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(violations()).toEqual([]);
  });
});
