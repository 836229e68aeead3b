import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_HEADLINE } from "./helpers/server.js";

// axe-core on the admin app's main screens. The app's Content-Security-Policy forbids inline
// scripts, which is how axe is injected; the test's browser context bypasses it for that.

const env = useSiteAndBrowser({ users: [EDITOR] });

describe("the admin app's accessibility (axe-core)", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  const expectClean = async () => {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  };

  it("the sign-in page has no violations", async () => {
    await page.goto(`${env.site.url}/admin`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await expectClean();
  });

  it("the article list has no violations", async () => {
    await signIn(page, env.site.url, EDITOR);
    await page.getByRole("link", { name: REFERENCE_HEADLINE }).waitFor();
    await expectClean();
  });

  it("the editor, holding every block type, has no violations", async () => {
    await page.getByRole("link", { name: REFERENCE_HEADLINE }).click();
    await page.locator('[data-block="image"] img').waitFor();
    await expectClean();
  });

  it("the editor's slash menu and media picker have no violations", async () => {
    await page.getByRole("textbox", { name: "Article body" }).locator(":scope > p").last().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("/im");
    await page.getByRole("listbox", { name: "Insert block" }).waitFor();
    await expectClean();
    await page.keyboard.press("Enter");
    await page
      .getByRole("dialog", { name: "Choose an image" })
      .getByRole("button", { name: /Details|National palace/ })
      .first()
      .waitFor();
    await expectClean();
    await page.keyboard.press("Escape");
  });
});
