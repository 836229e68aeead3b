import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, screenshot, signIn } from "./helpers/admin.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import type { SeedUser } from "./helpers/server.js";

// A new editor on a publication with nothing in it yet (no section, no person, no article)
// writes the About page: pages need no section, so the empty publication is no obstacle.

const NEW_EDITOR: SeedUser = {
  email: "nadia@example.org",
  name: "Nadia Editor",
  role: "editor",
  password: PASSWORD,
};
const HEADLINE = "About this newsroom";
const SLUG = "about-this-newsroom";
const PARAGRAPH = "We report on our town council, its schools and its courts.";

const env = useSiteAndBrowser({ demo: false, users: [NEW_EDITOR] });

describe("writing a page in the admin app", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, env.site.url, NEW_EDITOR);
  });
  afterAll(async () => {
    await page?.close();
  });

  it("lists no pages yet and opens a new page in the editor, with a page type and no section", async () => {
    await page.locator(".sidebar").getByRole("link", { name: "Pages", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Pages" }).waitFor();
    await page.getByText("No pages yet").waitFor();
    await page.getByRole("link", { name: "New page" }).click();
    await page.getByLabel("Headline", { exact: true }).waitFor();
    expect(await page.getByLabel("Page type").count()).toBe(1);
    expect(await page.getByLabel("Section", { exact: true }).count()).toBe(0);
    expect(await page.getByLabel("Type", { exact: true }).count()).toBe(0);
  });

  it("saves the draft as the editor types", async () => {
    await page.getByLabel("Headline", { exact: true }).fill(HEADLINE);
    await page.getByLabel("Page type").selectOption({ label: "About page" });
    await page.getByRole("textbox", { name: "Article body" }).click();
    await page.keyboard.insertText(PARAGRAPH);
    await page.getByText(/^Saved at/).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/pages\/[0-9a-f-]{36}$/);
    await screenshot(page, "page-editor");
    // Readers do not see a draft.
    expect((await fetch(`${env.site.url}/${SLUG}`)).status).toBe(404);
  });

  it("publishes the page, which readers then find at its own address", async () => {
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish" });
    await dialog.getByRole("button", { name: "Publish now" }).click();
    await page.locator(".editor-topbar").getByText("Published", { exact: true }).waitFor();

    const reader = await env.browser.newPage();
    try {
      const response = await reader.goto(`${env.site.url}/${SLUG}`);
      expect(response?.status()).toBe(200);
      expect(await visibleText(reader.getByRole("heading", { level: 1 }))).toBe(HEADLINE);
      expect(await visibleText(reader.locator("main"))).toContain(PARAGRAPH);
      const ld = await reader.locator('script[type="application/ld+json"]').first().textContent();
      expect(JSON.parse(ld ?? "{}")["@type"]).toBe("AboutPage");
      // A page is not news: the home page does not list it.
      await reader.goto(env.site.url);
      expect(await reader.locator(`a[href="/${SLUG}"]`).count()).toBe(0);
    } finally {
      await reader.close();
    }
  });

  it("shows the page in the Pages list and not among the articles", async () => {
    await page.locator(".sidebar").getByRole("link", { name: "Pages", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Pages" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: HEADLINE });
    await row.waitFor();
    expect(await visibleText(row)).toMatch(/About page/);
    expect(await visibleText(row)).toMatch(/Published/);
    await page.locator(".sidebar").getByRole("link", { name: "Articles", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Articles" }).waitFor();
    await page.getByText("No articles yet").waitFor();
  });
});
