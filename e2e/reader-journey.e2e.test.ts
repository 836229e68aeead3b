import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { BOT_USER_AGENT, READER_USER_AGENTS } from "./helpers/browser.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { seedVideoArticle, VIDEO_ARTICLE, VIDEO_ARTICLE_PATH } from "./helpers/seed.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH } from "./helpers/server.js";

const env = useSiteAndBrowser({ seed: seedVideoArticle });

const contexts: BrowserContext[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
});

/** A fresh browser profile, as a distinct reader (or crawler) would bring. */
async function visitor(userAgent: string): Promise<Page> {
  const context = await env.browser.newContext({ userAgent });
  // Nothing leaves the machine: foreign requests are refused (the facade test checks there are none).
  await context.route(
    (url) => url.origin !== env.site.origin,
    (route) => route.abort(),
  );
  contexts.push(context);
  return context.newPage();
}

/** Waits until the form's signed stamp is old enough: the server refuses instant posts. */
async function waitUntilPostable(page: Page): Promise<void> {
  const stamp = await page.locator('#comment-form input[name="stamp"]').getAttribute("value");
  const issued = Number(stamp?.split(".")[0]);
  await page.waitForTimeout(Math.max(0, issued + 3_100 - Date.now()));
}

const isViewBeacon = (url: string, method: string) =>
  method === "POST" && new URL(url).pathname.startsWith("/views/");

/** Opens the reference article and waits until its script has reported the view. */
async function readReferenceArticle(page: Page): Promise<void> {
  const beacon = page.waitForResponse((r) => isViewBeacon(r.url(), r.request().method()), {
    timeout: 10_000,
  });
  await page.goto(env.site.url + REFERENCE_PATH);
  const response = await beacon.catch(() => {
    throw new Error("the article page sent no view beacon (POST /views/:articleId) within 10 s");
  });
  expect(response.ok(), `view beacon answered ${response.status()}`).toBe(true);
}

/** The number shown as "Total Views: N". */
async function shownViews(page: Page): Promise<number> {
  const text = await visibleText(page.locator("[data-views]").first());
  const digits = /\d[\d,]*/.exec(text)?.[0];
  if (digits === undefined) throw new Error(`no number in the view counter: '${text}'`);
  return Number(digits.replaceAll(",", ""));
}

describe("a reader's journey", E2E_TIMEOUT, () => {
  it("goes from the home page to the article, plays a video and leaves a comment that waits for moderation", async () => {
    const page = await visitor(READER_USER_AGENTS[0]);
    await page.goto(`${env.site.url}/`);
    await page.getByRole("link", { name: REFERENCE_HEADLINE }).first().click();
    await page.waitForURL(`**${REFERENCE_PATH}`);
    expect(await visibleText(page.getByRole("heading", { level: 1 }))).toBe(REFERENCE_HEADLINE);

    // Another article, with a video the reader chooses to play.
    await page.goto(env.site.url + VIDEO_ARTICLE_PATH);
    await page.getByRole("button", { name: `Play video: ${VIDEO_ARTICLE.videoTitle}` }).click();
    await page.locator("iframe[src*='youtube-nocookie.com']").waitFor({ state: "attached" });

    await page.goto(env.site.url + REFERENCE_PATH);
    const comments = page.locator("#comments");
    const body = `Thank you for this report. Written by the browser test at ${Date.now()}.`;
    await comments.getByRole("textbox", { name: /^Name$/ }).fill("Ada Reader");
    await comments.getByRole("textbox", { name: /^Email\b/ }).fill("ada@example.org");
    await comments.getByRole("textbox", { name: /^Comment$/ }).fill(body);
    await waitUntilPostable(page);
    await comments.getByRole("button", { name: "Post comment" }).click();

    // A first comment is held; the reader alone sees it, marked as awaiting moderation.
    await page.waitForURL((url) => url.pathname === REFERENCE_PATH);
    const listed = page.locator("#comments li").filter({ hasText: body });
    expect(await listed.count()).toBe(1);
    expect(await visibleText(listed)).toMatch(/Ada Reader/);
    expect(await visibleText(listed)).toMatch(/Awaiting moderation/);
    // The email address is private: never shown on the page.
    expect(await page.content()).not.toMatch(/ada@example\.org/);
  });

  it("counts each reader's page load once in Total Views, and a crawler's not at all", async () => {
    const first = await visitor(READER_USER_AGENTS[1]);
    await readReferenceArticle(first);

    const second = await visitor(READER_USER_AGENTS[2]);
    await readReferenceArticle(second);
    // The first page has long shown its own count by the time the second reader arrives.
    const before = await shownViews(first);
    await expect.poll(() => shownViews(second)).toBe(before + 1);

    const crawler = await visitor(BOT_USER_AGENT);
    await crawler.goto(env.site.url + REFERENCE_PATH, { waitUntil: "networkidle" });

    const third = await visitor(READER_USER_AGENTS[3]);
    await readReferenceArticle(third);
    await expect.poll(() => shownViews(third)).toBe(before + 2);
  });
});
