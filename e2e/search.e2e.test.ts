import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH } from "./helpers/server.js";

// The browser test: the search page finds the reference article by a phrase of its body.

const PHRASE = "security cooperation and national sovereignty";

const env = useSiteAndBrowser();

describe("a reader searching", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    // Without JavaScript: the header box and the search page are plain GET forms.
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("finds the reference article by a phrase of its body from the header's search box", async () => {
    await page.goto(env.site.url);
    await page.getByRole("searchbox", { name: "Search articles" }).fill(`"${PHRASE}"`);
    await page.getByRole("button", { name: "Search", exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === "/search");
    expect(new URL(page.url()).searchParams.get("q")).toBe(`"${PHRASE}"`);

    const results = page.locator(".search-result");
    expect(await results.count()).toBe(1);
    const link = results.getByRole("link", { name: REFERENCE_HEADLINE });
    expect(await link.getAttribute("href")).toBe(REFERENCE_PATH);
    const marked = (await results.locator("mark").allTextContents()).join(" ");
    expect(marked.split(/\s+/)).toEqual(PHRASE.split(" "));
    expect(await visibleText(page.locator("#search-count"))).toMatch(/^1 result for/i);

    await link.click();
    await page.waitForURL((url) => url.pathname === REFERENCE_PATH);
    expect(await visibleText(page.getByRole("heading", { level: 1 }))).toBe(REFERENCE_HEADLINE);
  });

  it("gets a results page, and a message for a bad date, with no accessibility violations", async () => {
    // axe-core runs as a script in the page, so this check needs a context with JavaScript, and
    // one that lets its injected (inline) script past the page's Content-Security-Policy.
    const context = await env.browser.newContext({ bypassCSP: true });
    try {
      const withScripts = await context.newPage();
      for (const query of ["q=cartels", "q=cartels&from=2025-02-30"]) {
        await withScripts.goto(`${env.site.url}/search?${query}`);
        const violations = await axeViolations(withScripts);
        expect(violations, describeViolations(violations)).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  it("narrows by section on the search page and keeps the query in the form", async () => {
    await page.goto(`${env.site.url}/search?q=cartels`);
    await page.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
    await page.locator(".search-form").getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("section") === "resist-hate");
    expect(await page.getByRole("searchbox", { name: "Search for" }).inputValue()).toBe("cartels");
    expect(await page.locator(".search-result").count()).toBeGreaterThanOrEqual(1);
  });
});
