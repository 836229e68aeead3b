import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { seedVideoArticle, VIDEO_ARTICLE, VIDEO_ARTICLE_PATH } from "./helpers/seed.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH } from "./helpers/server.js";

// Pages must work without JavaScript (DESIGN.md): scripts only enhance them.

const env = useSiteAndBrowser({ seed: seedVideoArticle });

/** Waits until the form's signed stamp is old enough: the server refuses instant posts. */
async function waitUntilPostable(page: Page): Promise<void> {
  const stamp = await page.locator('#comment-form input[name="stamp"]').getAttribute("value");
  const issued = Number(stamp?.split(".")[0]);
  await page.waitForTimeout(Math.max(0, issued + 3_100 - Date.now()));
}

describe("a reader without JavaScript", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    await context.route(
      (url) => url.origin !== env.site.origin,
      (route) => route.abort(),
    );
    page = await context.newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("reads the article with its view count", async () => {
    await page.goto(env.site.url + REFERENCE_PATH);
    expect(await visibleText(page.getByRole("heading", { level: 1 }))).toBe(REFERENCE_HEADLINE);
    expect(await visibleText(page.locator("main").getByText(/Total Views:/))).toMatch(
      /Total Views: \d+/,
    );
  });

  it("gets a link to watch the video on its host instead of a play button that cannot work", async () => {
    await page.goto(env.site.url + VIDEO_ARTICLE_PATH);
    const play = page.getByRole("button", { name: `Play video: ${VIDEO_ARTICLE.videoTitle}` });
    expect(await play.isVisible()).toBe(false);
    const watch = page.getByRole("link", { name: new RegExp(VIDEO_ARTICLE.videoTitle) });
    expect(await watch.isVisible()).toBe(true);
    expect(await watch.getAttribute("href")).toBe(
      `https://www.youtube.com/watch?v=${VIDEO_ARTICLE.videoId}`,
    );
  });

  it("posts a comment through the plain form and sees it awaiting moderation", async () => {
    await page.goto(env.site.url + REFERENCE_PATH);
    const comments = page.locator("#comments");
    const body = `Posted without JavaScript at ${Date.now()}.`;
    await comments.getByRole("textbox", { name: /^Name$/ }).fill("Noscript Reader");
    await comments.getByRole("textbox", { name: /^Comment$/ }).fill(body);
    await waitUntilPostable(page);
    await comments.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL((url) => url.pathname === REFERENCE_PATH);
    const listed = page.locator("#comments li").filter({ hasText: body });
    expect(await visibleText(listed)).toMatch(/Noscript Reader/);
    expect(await visibleText(listed)).toMatch(/Awaiting moderation/);
  });
});
