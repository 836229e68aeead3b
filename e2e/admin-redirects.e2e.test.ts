import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH } from "./helpers/server.js";

// Every old link still working: an editor adds a redirect in the admin app, the public site
// answers it with a 301 while it exists and a 404 once removed; then she changes a published
// article's web address in the editor and a reader following the old URL lands on the new one.

const env = useSiteAndBrowser({ users: [EDITOR] });

/** What the site answers a link with, without following it (and without any browser cache). */
async function answer(path: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(`${env.site.url}${path}`, { redirect: "manual" });
  return { status: res.status, location: res.headers.get("location") };
}

describe("redirects in the admin app", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    // Its own context, which lets axe-core in past the admin app's Content-Security-Policy.
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
  });
  const expectAccessible = async () => {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  };

  it("adds a redirect the site answers, shows errors beside the field, and removes it", async () => {
    await page.getByRole("link", { name: "Redirects" }).click();
    await page.getByRole("heading", { level: 1, name: "Redirects" }).waitFor();

    const from = page.getByLabel("Old address");
    const to = page.getByLabel("New address");
    await from.fill("old-harbour-story");
    await to.fill(REFERENCE_PATH);
    await page.getByRole("button", { name: "Add redirect" }).click();
    await page.getByText("from must start with /").waitFor();
    expect(await from.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible();

    await from.fill("https://old.example.com/2019/05/old-harbour-story/");
    await page.getByRole("button", { name: "Add redirect" }).click();
    const row = page.getByRole("row").filter({ hasText: "/2019/05/old-harbour-story" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Added here");
    await screenshot(page, "redirects");
    await expectAccessible();

    expect(await answer("/2019/05/old-harbour-story/")).toEqual({
      status: 301,
      location: REFERENCE_PATH,
    });
    const reader = await env.browser.newPage();
    await reader.goto(`${env.site.url}/2019/05/old-harbour-story/`);
    expect(new URL(reader.url()).pathname).toBe(REFERENCE_PATH);
    await reader.getByRole("heading", { level: 1, name: REFERENCE_HEADLINE }).waitFor();
    await reader.close();

    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: /Remove/ }).click();
    await row.waitFor({ state: "detached" });
    expect((await answer("/2019/05/old-harbour-story/")).status).toBe(404);
  });

  it("a published article's new web address leaves the old one answering with a 301", async () => {
    await page.getByRole("link", { name: "Articles" }).click();
    await page.getByRole("link", { name: REFERENCE_HEADLINE }).click();
    const address = page.getByLabel("Web address");
    await address.waitFor();
    await address.fill("cartels-mexico-military");
    await address.press("Tab");
    await page.getByText(/^Saved at/).waitFor();

    expect(await answer(REFERENCE_PATH)).toEqual({
      status: 301,
      location: "/articles/cartels-mexico-military",
    });
    const reader = await env.browser.newPage();
    await reader.goto(`${env.site.url}${REFERENCE_PATH}`);
    expect(new URL(reader.url()).pathname).toBe("/articles/cartels-mexico-military");
    await reader.getByRole("heading", { level: 1, name: REFERENCE_HEADLINE }).waitFor();
    await reader.close();

    // The slug change is listed with the redirects, as a slug change.
    await page.getByRole("link", { name: "Redirects" }).click();
    const row = page.getByRole("row").filter({ hasText: REFERENCE_PATH });
    await row.waitFor();
    expect(await row.textContent()).toContain("Slug change");
  });
});
