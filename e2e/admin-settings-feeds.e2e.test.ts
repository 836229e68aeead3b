import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_SLUG } from "./helpers/server.js";

// The owner sets what feeds carry, the publisher logo and comment closing in Settings; the
// public feed and the article's structured data follow at once.

const OWNER = {
  email: "owner@example.org",
  name: "Olga Owner",
  role: "owner",
  password: PASSWORD,
} as const;
const env = useSiteAndBrowser({ users: [OWNER] });

describe("settings for feeds, the publisher logo and comments", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("the owner saves them and the feed and JSON-LD change", async () => {
    await signIn(page, env.site.url, OWNER);
    await page.goto(`${env.site.url}/admin/settings`);
    await page.getByLabel("Feeds carry").selectOption("excerpt");
    await page.getByRole("button", { name: "Choose logo" }).click();
    const picker = page.getByRole("dialog", { name: "Choose the publisher logo" });
    await picker
      .getByRole("button", { name: /National palace/ })
      .first()
      .click();
    await picker.getByRole("button", { name: "Use this image" }).click();
    await page.getByAltText("The current logo").waitFor();
    await page.getByLabel("Comments close").selectOption("after");
    await page.getByLabel("Days comments stay open").fill("14");
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved").waitFor();

    const settings = await (await page.request.get(`${env.site.url}/api/admin/v1/settings`)).json();
    expect(settings).toMatchObject({ feedContent: "excerpt", commentsCloseAfterDays: 14 });
    expect(settings.logoMediaId).toMatch(/^[0-9a-f-]{36}$/);

    const feed = await (await page.request.get(`${env.site.url}/feed.xml`)).text();
    expect(feed).toContain("Read the full article");
    expect(feed).not.toContain("Why this matters");
    const html = await (
      await page.request.get(`${env.site.url}/articles/${REFERENCE_SLUG}`)
    ).text();
    const ld = JSON.parse(
      /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}",
    );
    expect(ld.publisher.logo.url).toMatch(/\/media\//);
  });
});
